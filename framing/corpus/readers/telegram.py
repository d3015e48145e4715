"""Telegram Desktop exports (format ``"telegram"``): ``result.json`` of a channel or chat.

Telegram Desktop's "Export chat history" (machine-readable JSON) writes one object:
``{"name": ..., "type": "public_channel", "id": ..., "messages": [...]}``; "Export
Telegram data" writes every chat under ``{"chats": {"list": [...]}}`` (both are read).
Each message with text is a document:

- ``text`` is a string or a list of strings and entity objects (``{"type": "bold",
  "text": ...}``, ``{"type": "text_link", "text": ..., "href": ...}``); the document's
  text is their text in order, as the message shows it. Hashtags become ``tags``; the
  links' targets are kept in ``links``;
- the chat's name is the outlet, and ``telegram-<chat id>-<message id>`` the ``doc_id``;
  messages have no title;
- the date is ``date_unixtime`` (seconds since 1970, UTC), which exports carry since
  2021; older exports have only ``date``, the exporting computer's local time without
  a zone, read as UTC (the kit's rule for times without one: off by that computer's
  offset). ``edited_unixtime`` (else ``edited``) is kept as ``modified``;
- ``forwarded_from``, ``reply_to_message_id``, ``author`` (a channel's signature) and
  the kind of media (``photo``, ``media_type``) are kept as extra columns.

Service messages (channel created, message pinned, ...) are no documents: each is
listed in the load report with its action, and not counted as read. A message with no
text (a photo or a video without a caption) is read and skipped with its reason.
Messages are named ``message N``, N Telegram's message id (``item N``, the N-th
message of the chat, where the id is missing or an earlier message has it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from framing.corpus._report import Collector, RecordError
from framing.corpus.readers._exports import Rows, guarded, read_bytes
from framing.corpus.readers._registry import Chunk, Source, register, sniffer

_EXPECTED = (
    "a Telegram Desktop export (result.json): an object with 'name', 'type' and 'messages', "
    "or 'chats': {'list': [...]}"
)
_CHAT_TYPES = (
    b"public_channel|private_channel|personal_chat|bot_chat|private_group|"
    b"private_supergroup|public_supergroup|saved_messages"
)
_SHAPE = re.compile(rb'"type"\s*:\s*"(?:' + _CHAT_TYPES + rb')"')


@sniffer
def _sniff_telegram(path: Path, head: bytes) -> str | None:
    if path.suffix.lower() not in (".json", ""):
        return None
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{"):
        return None
    if _SHAPE.search(head) and b'"messages"' in head:
        return "telegram"
    if b'"chats"' in head and (b'"personal_information"' in head or b'"about"' in head):
        return "telegram"
    return None


@register("telegram", extensions=(), expected=_EXPECTED)
@guarded(_EXPECTED)
def _read_telegram(path: Path, source: Source, collector: Collector, size: int) -> Iterator[Chunk]:
    """Every message with text, of every chat in the export."""
    source.structured = True
    data = read_bytes(path, source, _EXPECTED)
    try:
        export = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise RecordError(source.path, None, f"the text is not UTF-8 ({error.reason})") from None
    except (ValueError, RecursionError) as error:
        raise RecordError(source.path, None, f"the file is not JSON ({error})") from None
    chats = _chats(export)
    if chats is None:
        raise RecordError(source.path, None, f"expected {_EXPECTED}")
    rows = Rows(source, collector, size, duplicates=False)
    several = len(chats) > 1
    named: set[str] = set()
    for position, chat in enumerate(chats, start=1):
        messages = chat.get("messages")
        if not isinstance(messages, list):
            rows.skip(f"chat {position}", "the chat holds no 'messages' list")
            continue
        name = chat.get("name") if isinstance(chat.get("name"), str) else None
        for index, message in enumerate(messages, start=1):
            number = position if several else None
            yield from _message(message, index, chat, name, number, rows, named)
    yield from rows.flush()


def _chats(export: Any) -> list[dict[str, Any]] | None:
    if not isinstance(export, dict):
        return None
    if isinstance(export.get("messages"), list):
        return [export]
    chats = export.get("chats")
    if isinstance(chats, dict) and isinstance(chats.get("list"), list):
        found = [c for c in chats["list"] if isinstance(c, dict)]
        left = export.get("left_chats")
        if isinstance(left, dict) and isinstance(left.get("list"), list):
            found += [c for c in left["list"] if isinstance(c, dict)]
        return found
    return None


def _message(
    message: Any,
    index: int,
    chat: dict[str, Any],
    name: str | None,
    chat_number: int | None,
    rows: Rows,
    named: set[str],
) -> Iterator[Chunk]:
    prefix = f"chat {chat_number}, " if chat_number is not None else ""
    if not isinstance(message, dict):
        rows.collector.fail(rows.source.path, f"{prefix}item {index}", "expected a message object")
        return
    identifier = message.get("id")
    record = f"{prefix}message {identifier}" if identifier is not None else f"{prefix}item {index}"
    if record in named:  # an id an earlier message has (a damaged or merged export)
        record = f"{prefix}item {index}"
    named.add(record)
    if message.get("type") == "service":
        action = message.get("action") or "no action named"
        rows.skip(record, f"a service message ({action}), not a post")
        return
    text, tags, links = _text(message.get("text"))
    if not text:
        media = message.get("media_type") or ("photo" if message.get("photo") else None)
        kind = f"a {media} without a caption" if media else "a message without text"
        rows.skip(record, f"{kind}: no text to read", document=True)
        return
    fields: dict[str, Any] = {"text": text, "outlet": name, "tags": tags}
    fields["published"] = _when(message, "date")
    modified = _when(message, "edited")
    if modified is not None:
        fields["modified"] = modified
    if identifier is not None:
        fields["doc_id"] = f"telegram-{chat.get('id', 'chat')}-{identifier}"
    if links:
        fields["links"] = links
    for key in ("forwarded_from", "reply_to_message_id", "author", "media_type", "via_bot"):
        value = message.get(key)
        if value is not None and value != "":
            fields[key] = str(value)
    if message.get("photo"):
        fields["media_type"] = fields.get("media_type", "photo")
    yield from rows.add(fields, record)


def _when(message: dict[str, Any], key: str) -> Any:
    """The UTC time of ``date``/``edited``: from ``<key>_unixtime`` where present."""
    stamp = message.get(f"{key}_unixtime")
    if stamp is not None:
        try:
            return pd.Timestamp(int(stamp), unit="s", tz="UTC")
        except (TypeError, ValueError, OverflowError):
            pass
    value = message.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _text(value: Any) -> tuple[str | None, list[str], list[str]]:
    """The message's text, its hashtags and its links' targets."""
    parts: list[str] = []
    tags: list[str] = []
    links: list[str] = []
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, dict):
            piece = item.get("text")
            piece = piece if isinstance(piece, str) else ""
            parts.append(piece)
            kind = item.get("type")
            if kind == "hashtag" and piece:
                tags.append(piece.lstrip("#"))
            elif kind == "text_link" and isinstance(item.get("href"), str):
                links.append(item["href"])
            elif kind == "link" and piece:
                links.append(piece)
    text = "".join(parts).strip()
    return (text or None), list(dict.fromkeys(tags)), list(dict.fromkeys(links))
