"""Write the synthetic Russian and Ukrainian sample: data/sample_ru_uk/ and its packaged copy.

A second, small sample beside the English one (which stays as it is, byte for byte): 480
short posts and articles, March 2022 to December 2024, by four invented outlets with
invented ``.example`` domains, written from sentence templates with a seeded random
generator. Everything is synthetic; no sentence comes from a real text, and people appear
only by title.

=======================  ============================  ==================================
outlet                   kind                          written as
=======================  ============================  ==================================
Вестник Севера           Russian state news agency     a JSON array (Telegram-like dump)
Оперативно Z             pro-Kremlin Telegram channel  a JSON array (Telegram-like dump)
Свободный эфир           Russian outlet in exile       a JSON array (Telegram-like dump)
Дніпровий вісник         Ukrainian outlet              JSON Lines (title, text, date)
=======================  ============================  ==================================

What it is built to show: the Russian state outlets write «СВО» and «специальная военная
операция», «на Украине», «киевский режим», «боевики ВСУ», «всушники», «хлопок»; the outlet
in exile writes «война», «вторжение», «в Украине» and quotes the official name; the
Ukrainian outlet writes «війна», «повномасштабне вторгнення», «в Україні», «окупанти»,
«Київ». Every phrase comes in many cases ("специальной военной операции", "Києві"), so
that only an inflected lexicon finds them all. A few planted quirks: ё and е both, Latin
look-alike letters inside Cyrillic words ("ЛНP", "Kиев"), and some Russian-language items
in the Ukrainian outlet (their language is identified per document). No file gives a
language: ``read_corpus`` identifies it.

Run from the ``data`` folder (the same bytes on every run)::

    python make_sample_ru_uk.py
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import pandas as pd  # noqa: E402

import framing  # noqa: E402

SEED = 15_2024
FOLDER = HERE / "sample_ru_uk"
PACKAGE_FILE = HERE.parent / "framing" / "data" / "sample_ru_uk.parquet"
START, END = dt.date(2022, 3, 1), dt.date(2024, 12, 31)

PLACES_RU = ["Белгородской области", "Донецке", "Курской области", "Херсонской области"]
VILLAGES_RU = ["Новоселовка", "Степное", "Каменка", "Орехово", "Луговое"]
CITIES_UK = ["Харків", "Одесу", "Запоріжжя", "Миколаїв", "Дніпро"]

STATE = [
    "Минобороны сообщило о ходе специальной военной операции на Украине.",
    "Участники СВО вернулись домой и получили награды.",
    "В зоне СВО подразделения освободили населенный пункт {village}.",
    "Киевский режим продолжает обстрелы мирных городов, заявили в министерстве.",
    "Боевики ВСУ атаковали объекты в {place_ru} с помощью беспилотников.",
    "Целями специальной военной операции остаются демилитаризация и денацификация Украины.",
    "Западные страны продолжают поставки оружия киевскому режиму.",
    "Военнослужащие ВС РФ уничтожили склад боеприпасов ВСУ.",
    "Ветераны спецоперации получат новые льготы, сообщили в правительстве.",
    "Поставки вооружений на Украину лишь затягивают конфликт, считают в Кремле.",
    "Беженцы с Украины получили помощь в пунктах временного размещения.",
    "Над промзоной прозвучал хлопок, пострадавших нет.",
    "Запад ведет против России гибридную войну, заявил министр.",
    "На Украине снова введены графики отключений электроэнергии.",
    "В Киеве объявили воздушную тревогу.",
    "Украинские боевики обстреляли окраины Донецка.",
    "Специальная военная операция будет продолжена до достижения всех целей.",
    "Власти ЛНP сообщили о восстановлении школ.",
    "Российские военные отразили атаку украинских войск.",
    "Ещё один эшелон с помощью отправлен на передовую СВО.",
]
TELEGRAM = [
    "⚡️Всушники обстреляли жилой квартал в {place_ru}, повреждены дома.",
    "Наши бойцы в зоне СВО взяли в плен трех всушников.",
    "Хлопок прогремел в {place_ru}, очевидцы сообщают о задымлении.",
    "На Украине опять паника: в Kиеве отключили свет.",
    "Из Киева уезжают чиновники, пишут подписчики.",
    "Спецоперация идет по плану, заявил наш источник.",
    "🔥Бойцы ВС РФ освободили {village}.",
    "ВСУшники бросили технику при отступлении.",
    "На Украину прибыла новая партия западных снарядов.",
    "Киевский режим готовит новую провокацию, предупреждают военкоры.",
    "Очевидцы сообщили о задымлении на нефтебазе.",
    "Мобилизация на Украине: военкомы ловят мужчин на улицах.",
    "Командир рассказал о буднях СВО и о помощи волонтеров.",
    "В Киеве снова громко: работает ПВО.",
    "Это война, и она надолго, пишут военкоры.",
]
EXILE = [
    "Война в Украине идет уже {days} день.",
    "С начала полномасштабного вторжения в Украину погибли тысячи мирных жителей.",
    "Российские военные обстреляли Харьков, в городе есть погибшие.",
    "Жители оккупированных территорий рассказывают о фильтрации.",
    "Кремль по-прежнему называет войну «специальной военной операцией».",
    "В Киеве прошла акция памяти погибших.",
    "Беженцы из Украины рассказали о жизни после вторжения.",
    "Роскомнадзор заблокировал еще один сайт за «фейки» о российской армии.",
    "Суд оштрафовал жительницу Москвы за «дискредитацию армии».",
    "Российская армия продолжает наступление на востоке Украины.",
    "Украинские военные отбили атаку под Покровском.",
    "Вторжение России в Украину изменило всю Европу.",
    "Пропаганда по-прежнему говорит «на Украине» и «киевский режим».",
    "Из-за войны уехали сотни тысяч россиян.",
    "Агрессия против Украины осуждена Генассамблеей ООН.",
    "Вооруженные силы Украины сообщили об ударе по аэродрому.",
    "Ситуация на Украине обсуждалась в Совбезе ООН.",
]
UKRAINIAN_TITLES = [
    "Повномасштабне вторгнення: {days}-й день",
    "Окупанти обстріляли {city_uk}",
    "Новини з фронту",
    "У Києві тривога",
    "Деокупація: хроніка",
]
UKRAINIAN = [
    "Повномасштабне вторгнення Росії триває вже {days} день.",
    "Російські окупанти обстріляли {city_uk}, є поранені.",
    "Триває звільнення Херсонщини від загарбників.",
    "У Києві пролунали вибухи, працює ППО.",
    "Війна в Україні змінила життя мільйонів людей.",
    "ЗСУ знищили колону окупантів.",
    "Рашисти вдарили по інфраструктурі Одеси.",
    "Деокупація Криму залишається метою держави.",
    "Росія є державою-терористом, наголосили в МЗС.",
    "Партнери передали в Україну нові системи ППО.",
    "Київ відповів на погрози Кремля.",
    "Захисники Києва отримали нагороди.",
    "Окупація півдня триває, але опір не вщухає.",
    "Пропаганда РФ досі каже «на Україні» і вигадує «спецоперацію».",
    "Ворог втрачає техніку під Бахмутом.",
    "Біженці повертаються в Україну.",
]
RUSSIAN_IN_UKRAINIAN = [
    "Обращение к жителям временно оккупированных территорий: война закончится нашей победой.",
    "Российские оккупанты снова обстреляли Харьков, есть погибшие.",
]

OUTLETS = (
    # name, domain, file, sentences, documents, sentences per document
    ("Вестник Севера", "vestnik-severa.example", "vestnik_severa.json", STATE, 140, (2, 4)),
    ("Оперативно Z", "operativno-z.example", "operativno_z.json", TELEGRAM, 100, (1, 3)),
    ("Свободный эфир", "svobodny-efir.example", "svobodny_efir.json", EXILE, 120, (2, 4)),
    (
        "Дніпровий вісник",
        "dniprovyi-visnyk.example",
        "dniprovyi_visnyk.jsonl",
        UKRAINIAN,
        120,
        (2, 4),
    ),
)


def _date(rng: random.Random) -> dt.datetime:
    day = START + dt.timedelta(days=rng.randrange((END - START).days + 1))
    return dt.datetime(day.year, day.month, day.day, rng.randrange(6, 23), rng.randrange(60))


def _fill(sentence: str, rng: random.Random, when: dt.datetime) -> str:
    return sentence.format(
        place_ru=rng.choice(PLACES_RU),
        village=rng.choice(VILLAGES_RU),
        city_uk=rng.choice(CITIES_UK),
        days=(when.date() - dt.date(2022, 2, 24)).days,
    )


def make_records() -> dict[str, list[dict[str, object]]]:
    """The records of each file, by file name (seeded: the same on every run)."""
    rng = random.Random(SEED)
    files: dict[str, list[dict[str, object]]] = {}
    for name, domain, file, pool, count, (least, most) in OUTLETS:
        records = []
        for number in range(1, count + 1):
            when = _date(rng)
            chosen = rng.sample(pool, rng.randint(least, most))
            if file.endswith(".jsonl") and rng.random() < 0.06:
                chosen = [rng.choice(RUSSIAN_IN_UKRAINIAN)]
            text = " ".join(_fill(sentence, rng, when) for sentence in chosen)
            slug = domain.split(".")[0]
            if file.endswith(".jsonl"):
                records.append(
                    {
                        "id": f"{slug}-{number:04d}",
                        "title": _fill(rng.choice(UKRAINIAN_TITLES), rng, when),
                        "text": text,
                        "date": when.isoformat() + "+02:00",
                        "url": f"https://{domain}/news/{when:%Y%m%d}/{number:04d}",
                    }
                )
            else:
                records.append(
                    {
                        "message_id": number,
                        "channel": name,
                        "date": when.isoformat() + "+00:00",
                        "text": text,
                    }
                )
        records.sort(key=lambda record: str(record["date"]))
        files[file] = records
    return files


def write_sample_ru_uk(folder: Path = FOLDER, package_file: Path = PACKAGE_FILE) -> list[Path]:
    """Write the files, their MANIFEST.json and the packaged corpus; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    parts = []
    for (name, _, file, *_), records in zip(OUTLETS, make_records().values(), strict=True):
        path = folder / file
        if file.endswith(".jsonl"):
            text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        else:
            text = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
        parts.append({"path": file, "format": "jsonl" if file.endswith(".jsonl") else "json",
                      "outlet": name, "documents": len(records)})  # fmt: skip
    manifest = folder / "MANIFEST.json"
    manifest.write_text(
        json.dumps({"synthetic": True, "seed": SEED, "parts": parts}, ensure_ascii=False, indent=1)
        + "\n",
        encoding="utf-8",
        newline="\n",
    )
    written.append(manifest)
    frames = [framing.read_corpus(folder / part["path"], outlet=part["outlet"]) for part in parts]
    corpus = pd.concat(frames, ignore_index=True)
    corpus["source"] = corpus["source"].str.replace(str(folder) + "/", "", regex=False)
    corpus.attrs = {
        "sample": {
            "synthetic": True,
            "note": "Synthetic Russian and Ukrainian sample (data/make_sample_ru_uk.py).",
            "seed": SEED,
            "documents": len(corpus),
        }
    }
    package_file.parent.mkdir(parents=True, exist_ok=True)
    framing.write_corpus(corpus, package_file, overwrite=True)
    written.append(package_file)
    return written


if __name__ == "__main__":
    for path in write_sample_ru_uk():
        print(path)
