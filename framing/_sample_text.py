# ruff: noqa: E501  (sentence templates read better unbroken)
"""The vocabulary and sentence templates of the synthetic sample corpus.

Everything here is invented for the sample corpus made by :mod:`framing.datasets`: the
outlets, their domains (all under ``.example``), the reporters and every sentence. Real
places and the real course of events in 2021–2022 give the stories a plausible
background; no real person is quoted, and heads of state appear only by title.

Each outlet kind frames the same events in its own words, the way the framing kit is
meant to measure:

* state outlets ("state"): "special military operation", "Kiev", "Kiev regime",
  "nationalist battalions", "liberated", "denazification", "DPR";
* Western dailies ("western"): "war", "invasion", "full-scale invasion", "Kyiv" (after a
  gradual switch from "Kiev"), "Ukrainian forces", "occupied", "Russian-backed
  separatists", and Moscow's terms only in quotation marks or after "so-called";
* the Ukrainian outlet ("ukrainian"): "Kyiv", "full-scale invasion", "occupiers", and
  sometimes "rashists" or "orcs";
* the wire service ("wire"): plainer wording, "Kyiv", "Russia's invasion", Moscow's term
  attributed ("Russia calls it a ...");
* the regional independent outlet ("regional"): between the wire and the dailies.
"""

from __future__ import annotations

#: Outlets of the sample: name, domain, kind, the input format their articles are
#: written in, authors, and how often they spell the capital "Kyiv" (see kyiv_share).
OUTLETS: dict[str, dict[str, object]] = {
    "Polar News Agency": {
        "domain": "polarnews.example",
        "kind": "state",
        "articles": 300,
        "authors": ["Irina Solovyova", "Maxim Dorofeev", "Oleg Varlamov"],
        "curly": False,
        "section": "World",
    },
    "Eastwave TV": {
        "domain": "eastwave.example",
        "kind": "state",
        "articles": 220,
        "authors": ["Yulia Krasnova", "Denis Orlov"],
        "curly": False,
        "section": "Russia & World",
    },
    "The Harbour Herald": {
        "domain": "harbourherald.example",
        "kind": "western",
        "articles": 240,
        "authors": ["Fiona Marsh", "Tom Aldridge", "Priya Natarajan"],
        "curly": True,
        "section": "World news",
    },
    "The Lakeside Tribune": {
        "domain": "lakesidetribune.example",
        "kind": "western",
        "articles": 200,
        "authors": ["Megan O'Leary", "Carlos Benavides", "Daniel Whitcombe"],
        "curly": False,
        "section": "Europe",
    },
    "Dnipro Ledger": {
        "domain": "dniproledger.example",
        "kind": "ukrainian",
        "articles": 220,
        "authors": ["Oksana Hrytsenko", "Taras Melnyk", "Kateryna Bondar"],
        "curly": True,
        "section": "War",
    },
    "Meridian Wire": {
        "domain": "meridianwire.example",
        "kind": "wire",
        "articles": 200,
        "authors": ["Meridian Wire staff"],
        "curly": False,
        "section": "World",
    },
    "Borderland Independent": {
        "domain": "borderland.example",
        "kind": "regional",
        "articles": 120,
        "authors": ["Anna Kowalczyk", "Ivan Petrenko"],
        "curly": False,
        "section": "Region",
    },
}

#: Share of an outlet's documents that spell the capital "Kyiv", at (year, month) knots;
#: linear in between. State outlets keep "Kiev"; the Ukrainian outlet and the wire use
#: "Kyiv" throughout; the Western dailies switch, one gradually, one mostly in 2022.
KYIV_SHARE: dict[str, list[tuple[tuple[int, int], float]]] = {
    "state": [((2021, 1), 0.0), ((2022, 12), 0.0)],
    "ukrainian": [((2021, 1), 1.0), ((2022, 12), 1.0)],
    "wire": [((2021, 1), 1.0), ((2022, 12), 1.0)],
    "The Harbour Herald": [((2021, 1), 0.25), ((2022, 3), 1.0), ((2022, 12), 1.0)],
    "The Lakeside Tribune": [
        ((2021, 1), 0.05),
        ((2022, 2), 0.35),
        ((2022, 4), 0.95),
        ((2022, 12), 1.0),
    ],
    "regional": [((2021, 1), 0.5), ((2022, 6), 1.0), ((2022, 12), 1.0)],
}

#: Place names, Russian-derived spelling first, Ukrainian spelling second.
PLACES: list[tuple[str, str]] = [
    ("Kharkov", "Kharkiv"),
    ("Nikolaev", "Mykolaiv"),
    ("Odessa", "Odesa"),
    ("Lugansk", "Luhansk"),
    ("Zaporozhye", "Zaporizhzhia"),
    ("Chernigov", "Chernihiv"),
    ("Artemovsk", "Bakhmut"),
    ("Severodonetsk", "Sievierodonetsk"),
]

#: Slot words by outlet kind. A template's {slot} is filled from the list, at random.
WORDS: dict[str, dict[str, list[str]]] = {
    "state": {
        "war": ["the special military operation", "the special operation"],
        "ua_forces": [
            "Ukrainian nationalists",
            "nationalist battalions",
            "the Ukrainian armed formations",
            "Kiev's forces",
        ],
        "ru_forces": ["Russian forces", "the Russian armed forces", "allied forces"],
        "took": ["liberated", "liberated", "took control of"],
        "government": ["the Kiev regime", "the Kiev authorities", "the Kiev regime"],
        "separatists": ["the DPR", "the LPR", "the people's militia of the DPR"],
        "region": ["Donbass", "the Donbass republics", "the DPR and LPR"],
        "west": ["the collective West", "Western countries", "NATO countries"],
        "aim": [
            "denazification",
            "demilitarisation and denazification",
            "the protection of Donbass",
        ],
        "territory": ["liberated territories", "the new regions", "liberated areas"],
    },
    "western": {
        "war": ["the war", "Russia's invasion", "the full-scale invasion", "the war"],
        "ua_forces": ["Ukrainian forces", "Ukraine's army", "Ukrainian troops"],
        "ru_forces": ["Russian forces", "Russian troops", "the Russian army"],
        "took": ["captured", "seized", "occupied"],
        "government": ["the Ukrainian government", "the government in {capital}"],
        "separatists": ["Russian-backed separatists", "pro-Russian separatists"],
        "region": ["the Donbas", "eastern Ukraine", "the occupied east"],
        "west": ["Western allies", "Nato members", "the US and its allies"],
        "aim": ["the conquest of Ukraine", "regime change in {capital}"],
        "territory": ["occupied territories", "Russian-occupied areas", "occupied land"],
    },
    "ukrainian": {
        "war": ["the full-scale invasion", "Russia's war", "the Russian invasion"],
        "ua_forces": ["the Armed Forces of Ukraine", "Ukrainian defenders", "Ukrainian forces"],
        "ru_forces": ["the occupiers", "Russian troops", "the Russian invaders"],
        "took": ["occupied", "seized"],
        "government": ["the Ukrainian government", "the government"],
        "separatists": ["Russian proxies", "Russia's proxy forces"],
        "region": ["the Donbas", "occupied Donbas", "the east"],
        "west": ["Ukraine's partners", "Western partners", "allies"],
        "aim": ["the destruction of Ukraine", "the occupation of Ukraine"],
        "territory": ["the temporarily occupied territories", "occupied territories"],
    },
    "wire": {
        "war": ["the war", "Russia's invasion", "the conflict"],
        "ua_forces": ["Ukrainian forces", "Ukraine's military"],
        "ru_forces": ["Russian forces", "Russia's military"],
        "took": ["captured", "took"],
        "government": ["the Ukrainian government", "officials in {capital}"],
        "separatists": ["Russian-backed separatists", "separatist forces"],
        "region": ["the Donbas region", "eastern Ukraine"],
        "west": ["Western governments", "the United States and the European Union"],
        "aim": ["its stated aims", "what it says are security goals"],
        "territory": ["Russian-held areas", "occupied areas", "areas under Russian control"],
    },
    "regional": {
        "war": ["the war", "the invasion", "the war"],
        "ua_forces": ["Ukrainian forces", "Ukrainian soldiers"],
        "ru_forces": ["Russian forces", "Russian soldiers"],
        "took": ["occupied", "captured"],
        "government": ["the regional administration", "the government in {capital}"],
        "separatists": ["Russian-backed separatists", "separatist groups"],
        "region": ["the Donbas", "the border region"],
        "west": ["neighbouring countries", "European governments"],
        "aim": ["control of the region", "the conquest of the south"],
        "territory": ["occupied villages", "occupied areas"],
    },
}

# The "Ukrainian" outlet now and then uses the slurs "rashists" and "orcs".
HARSH_WORDS = ["the rashists", "the orcs", "the rashist army"]

# Sentences by (outlet kind, phase, topic). Phases: "before" 24 February 2022, "after".
# Slots in braces are filled from WORDS, the place names, numbers and titles.
TOPICS_BEFORE = ["buildup", "donbas", "diplomacy", "energy", "exercises"]
TOPICS_AFTER = [
    "offensive",
    "shelling",
    "corridors",
    "talks",
    "sanctions",
    "grain",
    "nuclear",
    "counteroffensive",
    "infrastructure",
    "exchange",
]

#: Headlines by kind and topic.
HEADLINES: dict[str, dict[str, list[str]]] = {
    "state": {
        "buildup": [
            "Kremlin Rejects Western Claims of 'Invasion Plans'",
            "Moscow Says Troop Drills Are Its Own Affair",
        ],
        "donbas": [
            "{capital} Shells Donbass Again, {separatists_cap} Says",
            "Ceasefire Violations Reported in {region_cap}",
        ],
        "diplomacy": [
            "Moscow Demands Security Guarantees From NATO",
            "Lavrov's Deputy: West Ignores Russian Concerns",
        ],
        "energy": [
            "Gas Prices in Europe Soar as Pipeline Stalls",
            "Moscow: Europe's Energy Crisis Is Self-Inflicted",
        ],
        "exercises": [
            "NATO Drills Near Russian Borders Raise Tensions",
            "Russia Holds Snap Exercises After NATO Manoeuvres",
        ],
        "offensive": [
            "Allied Forces Liberate {place}",
            "Defence Ministry Reports Progress of Special Operation",
        ],
        "shelling": [
            "Nationalist Battalions Shell Residential Areas in {place}",
            "Kiev Regime Strikes Civilians in {place}",
        ],
        "corridors": [
            "Humanitarian Corridors Opened Near {place}",
            "Civilians Evacuated From {place} via Russian Corridor",
        ],
        "talks": [
            "Russian Delegation: Kiev Stalling Talks",
            "Moscow Sees No Progress in Talks With Kiev",
        ],
        "sanctions": [
            "Western Sanctions Backfire on Europe",
            "Moscow Shrugs Off New Sanctions Package",
        ],
        "grain": [
            "Moscow Says Grain Deal Serves Western Interests",
            "Grain Ships Leave Odessa Under Deal",
        ],
        "nuclear": [
            "Kiev Shells Zaporozhye Nuclear Plant, Ministry Says",
            "IAEA Mission Arrives at Zaporozhye Plant",
        ],
        "counteroffensive": [
            "Ukrainian Attacks Near {place} Repelled",
            "Allied Forces Regroup Near {place}",
        ],
        "infrastructure": [
            "Strikes Hit Military Infrastructure Across Ukraine",
            "High-Precision Strikes on Kiev's Energy Targets",
        ],
        "exchange": [
            "Prisoner Exchange Returns Russian Servicemen Home",
            "DPR and Kiev Swap Prisoners",
        ],
    },
    "western": {
        "buildup": [
            "Satellite Images Show Russian Build-Up Near Ukraine",
            "Fears of Invasion Grow as Troops Mass on Border",
        ],
        "donbas": ["Fighting Flares in Eastern Ukraine", "Soldier Killed in Donbas as Truce Frays"],
        "diplomacy": [
            "Talks on Ukraine End Without Breakthrough",
            "Allies Warn Moscow of 'Severe Costs'",
        ],
        "energy": [
            "Europe's Gas Crunch Puts Pipeline in Spotlight",
            "Energy Prices Climb as Russia Limits Supply",
        ],
        "exercises": [
            "Russia Stages Drills Near Ukraine's Border",
            "Nato Steps Up Patrols on Eastern Flank",
        ],
        "offensive": [
            "Russian Troops Push Toward {place}",
            "Invasion Enters {ordinal} Week as {place} Holds Out",
        ],
        "shelling": ["Shelling Kills Civilians in {place}", "Russian Strikes Hit Homes in {place}"],
        "corridors": [
            "Evacuation From {place} Stalls Amid Shelling",
            "Civilians Flee {place} Along Fragile Corridor",
        ],
        "talks": [
            "Peace Talks in Istanbul Yield Little",
            "Ukraine and Russia Trade Blame as Talks Falter",
        ],
        "sanctions": ["EU Agrees New Sanctions on Russia", "Sanctions Squeeze Russia's Economy"],
        "grain": [
            "First Grain Ship Leaves Odesa Under Deal",
            "Grain Deal Offers Relief to Hungry Nations",
        ],
        "nuclear": [
            "Shelling Near Zaporizhzhia Plant Raises Alarm",
            "UN Inspectors Reach Occupied Nuclear Plant",
        ],
        "counteroffensive": [
            "Ukraine Retakes Villages Near {place}",
            "Ukrainian Counteroffensive Gains Ground Near {place}",
        ],
        "infrastructure": [
            "Russian Missiles Target Ukraine's Power Grid",
            "Blackouts Across Ukraine After Strikes",
        ],
        "exchange": ["Ukraine and Russia Swap Prisoners", "Freed Defenders Return to Ukraine"],
    },
    "ukrainian": {
        "buildup": [
            "Russian Troops Mass Near Ukraine's Border",
            "Intelligence: Moscow Prepares Offensive",
        ],
        "donbas": [
            "Russian Proxies Shell Positions in Donbas",
            "Soldier Killed as Russia's Proxies Break Truce",
        ],
        "diplomacy": [
            "Partners Pledge Support for Ukraine",
            "Kyiv Urges Allies to Act Before It Is Too Late",
        ],
        "energy": [
            "Gas Transit Through Ukraine Under Threat",
            "Ukraine Warns Pipeline Is a Weapon",
        ],
        "exercises": ["Russia's Drills in Belarus Alarm Kyiv", "Ukraine Holds Defence Drills"],
        "offensive": [
            "Defenders Hold the Line Near {place}",
            "Occupiers Try to Advance on {place}",
        ],
        "shelling": [
            "Russian Shelling Kills Civilians in {place}",
            "Occupiers Shell {place} Overnight",
        ],
        "corridors": [
            "Occupiers Block Evacuation From {place}",
            "Humanitarian Corridor From {place} Comes Under Fire",
        ],
        "talks": ["Ukraine Will Not Trade Territory, Negotiator Says", "Talks With Russia Stall"],
        "sanctions": [
            "Ukraine Calls for Tougher Sanctions",
            "New Sanctions Hit Russia's War Machine",
        ],
        "grain": ["Grain Corridor Opens From Odesa Ports", "Russia Threatens Grain Corridor"],
        "nuclear": [
            "Occupiers Turn Nuclear Plant Into Military Base",
            "Zaporizhzhia Plant Cut Off After Shelling",
        ],
        "counteroffensive": [
            "Ukrainian Forces Liberate Villages Near {place}",
            "Flag Raised Over Liberated {place}",
        ],
        "infrastructure": [
            "Russia Strikes Energy Infrastructure Again",
            "Power Restored After Massive Missile Attack",
        ],
        "exchange": [
            "Defenders Return Home in Prisoner Swap",
            "Ukraine Brings Home Captured Soldiers",
        ],
    },
}
HEADLINES["wire"] = {
    topic: [h for h in lines if "Liberate" not in h]
    for topic, lines in HEADLINES["western"].items()
}
HEADLINES["regional"] = HEADLINES["western"]

#: Body sentences by kind, phase and topic, plus sentences any story of that kind and
#: phase may use ("any").
SENTENCES: dict[str, dict[str, list[str]]] = {
    "state:before": {
        "buildup": [
            "The Kremlin spokesman said Russia was free to move troops on its own territory.",
            "Moscow has repeatedly dismissed Western reports of an imminent attack as hysteria.",
            "Officials said {west} were pumping weapons into Ukraine and provoking {government}.",
        ],
        "donbas": [
            "According to {separatists}, Ukrainian troops fired mortars at villages overnight.",
            "The representative office of {separatists} in the ceasefire commission reported {number} violations.",
            "Residents of {region} have lived under shelling by {government} for eight years.",
        ],
        "diplomacy": [
            "Moscow insists on legally binding guarantees that NATO will not expand further east.",
            "The deputy foreign minister said {west} had ignored Russian proposals.",
            "{government_cap} has failed to implement the Minsk agreements, the ministry said.",
        ],
        "energy": [
            "Gazprom said it was fulfilling all its contractual obligations.",
            "Experts blamed Europe's green policies for the sharp rise in gas prices.",
            "The pipeline is ready to deliver gas as soon as regulators approve it.",
        ],
        "exercises": [
            "The Defence Ministry said the drills were planned long ago and threatened no one.",
            "NATO warships have been spotted in the Black Sea more and more often, officials said.",
            "Moscow called the alliance's manoeuvres near its borders a provocation.",
        ],
        "any": [
            "The Russian president said Russia had no plans to attack anyone.",
            "Officials in Moscow accused {west} of turning Ukraine into an anti-Russian bridgehead.",
            "Kiev's leadership relies on nationalists, the foreign ministry said.",
            "The statement was published on the ministry's website on {weekday}.",
        ],
    },
    "state:after": {
        "offensive": [
            "{ru_forces_cap} have {took} {place} and several nearby villages, the Defence Ministry said.",
            "The ministry said {ua_forces} were using residents of {place} as human shields.",
            "The Russian president launched the special military operation on 24 February to protect the people of Donbass.",
            "The goals of {war} are {aim}, the Kremlin spokesman reiterated.",
        ],
        "shelling": [
            "{ua_forces_cap} shelled residential areas of {place}, killing {number} civilians, officials said.",
            "The shells were supplied by {west}, the representative of {separatists} said.",
            "Local authorities said a school and a hospital had been damaged.",
        ],
        "corridors": [
            "Russian forces opened humanitarian corridors for civilians leaving {place}.",
            "{ua_forces_cap} prevented residents from leaving the city, the ministry said.",
            "More than {number} people have been evacuated to Russia, officials said.",
        ],
        "talks": [
            "The head of the Russian delegation said {government} was dragging out the talks.",
            "Moscow said it remained open to negotiations if Kiev accepted the new realities.",
            "The Kremlin accused {west} of ordering Kiev to keep fighting.",
        ],
        "sanctions": [
            "Officials said the sanctions were hurting Europe more than Russia.",
            "The central bank said the rouble had stabilised despite the restrictions.",
            "Moscow called the new restrictions illegitimate.",
        ],
        "grain": [
            "Moscow said most of the grain shipped from Odessa went to rich countries.",
            "The Russian side said its own exports of grain and fertiliser were still being blocked.",
        ],
        "nuclear": [
            "The Defence Ministry said {ua_forces} had shelled the Zaporozhye nuclear plant again.",
            "Russian forces guard the plant to prevent provocations, the ministry said.",
        ],
        "counteroffensive": [
            "Attacks by {ua_forces} near {place} were repelled, the Defence Ministry said.",
            "Allied forces regrouped to strengthen positions, officials said.",
            "The enemy lost up to {number} servicemen, the ministry said.",
        ],
        "infrastructure": [
            "High-precision weapons hit military and energy infrastructure, the ministry said.",
            "All assigned targets were hit, the Defence Ministry said.",
        ],
        "exchange": [
            "Russian servicemen returned home after an exchange mediated by the UAE, the ministry said.",
            "The exchange was agreed with {government}, officials said.",
        ],
        "any": [
            "The Kremlin spokesman said {war} was proceeding according to plan.",
            "Officials said the people of {territory} were returning to peaceful life.",
            "The ministry accused {government} of staging provocations for Western media.",
            "Russia's envoy said {west} were prolonging the conflict by supplying weapons.",
            'What Western media call an "invasion" is an operation to protect Donbass, the envoy said.',
            "The ministry said {ua_forces} had suffered heavy losses in {region}.",
            "Kiev's nationalist battalions have been shelling Donbass since 2014, officials said.",
        ],
    },
    "western:before": {
        "buildup": [
            "Satellite images show tanks and artillery gathered near Ukraine's border.",
            "Officials estimate that more than {thousands},000 Russian troops are now near the border.",
            "Moscow denies any plan to invade and says the troops are on exercises.",
            "Western governments warned of an invasion within weeks.",
        ],
        "donbas": [
            "A soldier was killed by sniper fire near the front line, the army said.",
            "{separatists_cap} have controlled parts of the Donetsk and Luhansk regions since 2014.",
            "Monitors recorded {number} ceasefire violations over the weekend.",
        ],
        "diplomacy": [
            "Diplomats met in Geneva but left without agreement.",
            "Moscow's demand that Nato rule out Ukraine's membership was rejected.",
            "Allies warned of severe economic consequences if Russia attacked.",
        ],
        "energy": [
            "European gas prices have tripled this year.",
            "Critics say the pipeline would make Europe more dependent on Russian gas.",
            "Ukraine fears losing transit fees worth billions of dollars.",
        ],
        "exercises": [
            "Russia began drills in Belarus, north of {capital}.",
            "Nato said it was watching the manoeuvres closely.",
        ],
        "any": [
            "The government in {capital} has asked for more weapons.",
            "Russia annexed Crimea in 2014 and backs the separatists in the east.",
            "The Kremlin denies the accusations.",
            "{capital_pos} allies say they will not recognise any change of borders by force.",
            "Residents of {capital} said they were trying to carry on as normal.",
        ],
    },
    "western:after": {
        "offensive": [
            "{ru_forces_cap} have {took} towns near {place}, according to Ukrainian officials.",
            'The Russian president launched what Moscow calls a "special military operation" on 24 February.',
            "{ua_forces_cap} are holding out in {place} despite heavy bombardment.",
            "The invasion has forced millions of people from their homes.",
        ],
        "shelling": [
            "Russian shelling killed {number} civilians in {place}, local officials said.",
            "Rescue workers pulled survivors from the rubble of an apartment block.",
            "Moscow denies targeting civilians.",
        ],
        "corridors": [
            "Thousands of civilians tried to leave {place} through a corridor agreed with Moscow.",
            "The evacuation was halted after shelling resumed, officials said.",
            "Aid groups say food and water are running out in {place}.",
        ],
        "talks": [
            "Negotiators met in Istanbul, but officials on both sides played down hopes of a deal.",
            'Moscow says Ukraine must accept the "realities on the ground".',
            "{capital} says it will not give up territory.",
        ],
        "sanctions": [
            "The EU agreed a new package of sanctions against Moscow.",
            "The sanctions target banks, oil exports and officials close to the Kremlin.",
            "Russia's economy is expected to shrink sharply this year.",
        ],
        "grain": [
            "The deal, brokered by Turkey and the UN, allows grain to leave Ukrainian ports.",
            "Ukraine is one of the world's largest exporters of wheat and maize.",
        ],
        "nuclear": [
            "Shelling near the Zaporizhzhia nuclear plant, occupied by Russian forces since March, raised fears of a disaster.",
            "UN inspectors called for a safety zone around the plant.",
        ],
        "counteroffensive": [
            "{ua_forces_cap} retook dozens of villages near {place} in a rapid advance.",
            "Russian troops abandoned equipment as they retreated.",
            "Moscow described the withdrawal as a regrouping.",
        ],
        "infrastructure": [
            "Russian missiles struck power stations across Ukraine, leaving millions without electricity.",
            "{capital} said most of the missiles had been shot down.",
        ],
        "exchange": [
            "Ukraine and Russia exchanged {number} prisoners of war.",
            "Among those freed were defenders of Mariupol.",
        ],
        "any": [
            'Moscow calls the war a "special military operation" and denies targeting civilians.',
            'The Kremlin\'s so-called "denazification" has been dismissed as a pretext by historians.',
            "Russia's full-scale invasion has killed thousands of civilians.",
            "Western allies have sent {capital} weapons and billions in aid.",
            "{capital_pos} mayor urged residents to stay in shelters.",
            "Russia annexed Crimea in 2014 and backed separatists in the Donbas.",
            "Analysts say the war could last for years.",
        ],
    },
    "ukrainian:before": {
        "buildup": [
            "Ukrainian intelligence says Russia has gathered more than {thousands},000 troops near the border.",
            "{capital} says it is ready to defend every inch of its land.",
        ],
        "donbas": [
            "{separatists_cap} opened fire on Ukrainian positions {number} times, the army said.",
            "A Ukrainian defender was wounded near the front line.",
        ],
        "diplomacy": [
            "The foreign minister asked partners for more defensive weapons.",
            "Ukraine's future in Nato is for Ukrainians to decide, officials said.",
        ],
        "energy": [
            "{capital} warned that the pipeline was a geopolitical weapon.",
            "Transit through Ukraine's pipelines remains the most reliable route, the operator said.",
        ],
        "exercises": [
            "Ukraine held drills of its own as Russian troops arrived in Belarus.",
            "Territorial defence units trained volunteers near {capital}.",
        ],
        "any": [
            "Russia has occupied Crimea and parts of the Donbas since 2014.",
            "The Kremlin's propaganda blames Ukraine for the tensions.",
            "{capital_pos} partners have promised support.",
        ],
    },
    "ukrainian:after": {
        "offensive": [
            "{ru_forces_cap} tried to break through near {place} but were pushed back.",
            "The General Staff said {harsh} had lost {number} soldiers in a day.",
            "Russia started its full-scale invasion of Ukraine on 24 February.",
        ],
        "shelling": [
            "{ru_forces_cap} shelled {place} overnight, killing {number} civilians.",
            "The strike destroyed homes and a kindergarten, the regional governor said.",
        ],
        "corridors": [
            "{ru_forces_cap} blocked the humanitarian corridor from {place} again.",
            "Buses carrying civilians came under fire, officials said.",
        ],
        "talks": [
            "The Ukrainian negotiator said Ukraine would not cede territory.",
            'Russia\'s so-called "peace proposals" are ultimatums, {capital} said.',
        ],
        "sanctions": [
            "The new sanctions will hit the financing of the war, the foreign minister said.",
            "{capital} called for a full embargo on Russian oil and gas.",
        ],
        "grain": [
            "The first ships with Ukrainian grain left the ports of Odesa.",
            "Russia continues to steal grain from {territory}, officials said.",
        ],
        "nuclear": [
            "{ru_forces_cap} have turned the Zaporizhzhia nuclear plant into a military base.",
            "Energoatom said the plant's staff work under the occupiers' guns.",
        ],
        "counteroffensive": [
            "{ua_forces_cap} liberated villages near {place}, the General Staff said.",
            "Residents met Ukrainian soldiers with flowers.",
            "{harsh_cap} fled, leaving behind tanks and ammunition.",
        ],
        "infrastructure": [
            "Russia launched a massive missile attack on Ukraine's energy infrastructure.",
            "Air defence shot down most of the missiles over {capital}.",
        ],
        "exchange": [
            "{number} Ukrainian defenders returned home in a prisoner exchange.",
            "The exchange was the largest since the start of the full-scale invasion.",
        ],
        "any": [
            'Russia calls its war a "special military operation".',
            'Kyiv rejects the Kremlin\'s claims of "denazification" as propaganda.',
            "The occupiers have been accused of war crimes in {territory}.",
            "{capital_pos} air defence was on alert all night.",
            "Ukraine will return all its territories, the president said.",
        ],
    },
    "wire:before": {
        "buildup": [
            "Russia has massed tens of thousands of troops near the border with Ukraine, according to Western officials.",
            "Moscow denies planning an attack.",
        ],
        "donbas": [
            "Fighting between Ukrainian troops and {separatists} has killed more than 14,000 people since 2014.",
            "Both sides accused each other of violating the ceasefire.",
        ],
        "diplomacy": [
            "Russian and U.S. officials met for talks on security in Europe.",
            "Moscow wants guarantees that Nato will not admit Ukraine.",
        ],
        "energy": [
            "Gas prices in Europe rose to record levels.",
            "The pipeline runs under the Baltic Sea from Russia to Germany.",
        ],
        "exercises": [
            "Russia and Belarus began joint military drills.",
            "The drills are scheduled to end next month, officials said.",
        ],
        "any": [
            "The Kremlin says it has the right to move troops within its borders.",
            "Officials in {capital} said they were preparing for all scenarios.",
        ],
    },
    "wire:after": {
        "offensive": [
            "Russian forces {took} several villages near {place}, officials said.",
            'Russia calls its actions in Ukraine a "special military operation".',
            "Ukrainian officials said their forces were holding their positions.",
        ],
        "shelling": [
            "Shelling in {place} killed at least {number} people, local authorities said.",
            "Russia denies targeting civilians.",
        ],
        "corridors": [
            "Officials said {number} civilians were evacuated from {place}.",
            "The two sides blamed each other for the collapse of earlier evacuation efforts.",
        ],
        "talks": [
            "Delegations from Russia and Ukraine met in Istanbul.",
            "Neither side reported a breakthrough.",
        ],
        "sanctions": [
            "The European Union announced new sanctions against Russia.",
            "Moscow said it would respond.",
        ],
        "grain": [
            "The grain deal was brokered by the United Nations and Turkey.",
            "The ships were inspected in Istanbul before sailing on.",
        ],
        "nuclear": [
            "The International Atomic Energy Agency said it was deeply concerned about the shelling.",
            "Each side blamed the other for the strikes near the plant.",
        ],
        "counteroffensive": [
            "Ukraine said its forces had retaken territory near {place}.",
            "Russia's Defence Ministry said its troops had regrouped.",
        ],
        "infrastructure": [
            "Missile strikes damaged energy facilities in several regions, Ukrainian officials said.",
            "Russia said it had struck military targets.",
        ],
        "exchange": [
            "Russia and Ukraine exchanged prisoners of war, officials on both sides said.",
            "The exchange was mediated by Turkey.",
        ],
        "any": [
            "The war has driven millions of people from their homes.",
            "Russia launched its invasion on Feb. 24.",
            "The United Nations has called for an end to the fighting.",
            "Officials in {capital} could not immediately be reached for comment.",
        ],
    },
}
SENTENCES["regional:before"] = {
    topic: lines + SENTENCES["wire:before"].get(topic, [])
    for topic, lines in SENTENCES["western:before"].items()
}
SENTENCES["regional:after"] = {
    topic: lines + SENTENCES["wire:after"].get(topic, [])
    for topic, lines in SENTENCES["western:after"].items()
}
SENTENCES["regional:after"]["any"] = [
    *SENTENCES["regional:after"]["any"],
    "Refugees from {place} have found shelter in schools across the region.",
    "Volunteers in the border towns collect food and medicine for {place}.",
]

#: Sentences about history, some with "Kievan Rus", which the matcher must not take for
#: "Kiev".
HISTORY = [
    "The city traces its history to Kievan Rus, the medieval state.",
    "Kievan Rus is claimed as a common origin by both countries.",
]

#: Wire-style sign-off a reprinting outlet adds to its near copies.
REPRINT_NOTE = "Borderland Independent staff contributed to this report."
