"""The fetchers of public real corpora, re-exported by :mod:`framing.datasets`.

A registry names public corpora whose licences allow a user to download them for
research: where each file comes from (a pinned commit of its public source), the SHA-256
of the file framing reads, the licence and attribution, and the ``read_corpus`` options
that read it. Nothing is downloaded at import: :func:`fetch` downloads with pooch (an
optional dependency: ``pip install "framing-kit[fetch]"``, imported only when needed) into
the user's cache, checks the hashes and reads the files with ``read_corpus``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from framing._checks import check_choice
from framing._dataset_registry import (
    DATA_DIR_ENV,
    DATA_URL_ENV,
    DATASETS,
    Dataset,
    DatasetFile,
)
from framing.corpus import read_corpus
from framing.errors import DatasetError

__all__ = [
    "DATASETS",
    "DATA_DIR_ENV",
    "DATA_URL_ENV",
    "Dataset",
    "DatasetFile",
    "available",
    "data_dir",
    "fetch",
    "fetch_files",
]


def available() -> pd.DataFrame:
    """List the public corpora :func:`fetch` can download, with their licences.

    Returns
    -------
    pandas.DataFrame
        One row a dataset, indexed by name: ``title``, ``documents``, ``language``,
        ``licence``, ``attribution``, ``source`` (repository and pinned commit),
        ``files`` and ``note``.

    See Also
    --------
    fetch : download one of them and read it as a corpus.

    Examples
    --------
    >>> from framing.datasets import available
    >>> table = available()
    >>> table.loc["resistinua", "licence"]
    'CC0 1.0'
    >>> table.loc["ruwa", "documents"]
    np.int64(16545)
    """
    rows = [
        {
            "name": dataset.name,
            "title": dataset.title,
            "documents": dataset.documents,
            "language": dataset.language,
            "licence": dataset.licence,
            "attribution": dataset.attribution,
            "source": dataset.source,
            "files": len(dataset.files),
            "note": dataset.note,
        }
        for dataset in DATASETS.values()
    ]
    return pd.DataFrame(rows).set_index("name")


def fetch(
    name: str,
    *,
    base_url: str | None = None,
    progress: bool = False,
) -> pd.DataFrame:
    """Download a public corpus into the user's cache and read it as a corpus.

    The files are downloaded once, with pooch, from the dataset's public source at a
    pinned commit (or from a mirror, see ``base_url``), checked against their pinned
    SHA-256, and kept in the cache: ``$FRAMING_DATA_DIR`` if set, otherwise
    ``pooch.os_cache("framing")`` (e.g. ``~/.cache/framing`` on Linux). A later call
    reads the cached files without the network. Each call prints the dataset's licence
    and attribution: cite it, and keep to its licence (several are non-commercial).

    Parameters
    ----------
    name : str
        A dataset's name, one of :func:`available`'s index ("ruwa", "nyt_guardian",
        "resistinua", "ru_telegram_news").
    base_url : str, optional
        Download from this mirror instead of the public sources: the URL (``http://``,
        ``https://`` or ``file://``) of a folder laid out as ``<dataset>/<file>``, e.g.
        ``file:///data/mirror``. Default: ``$FRAMING_DATA_URL`` if set, else the public
        sources. The same pinned hashes are checked either way.
    progress : bool
        Show pooch's download progress bar (needs tqdm).

    Returns
    -------
    pandas.DataFrame
        The corpus, read by :func:`framing.read_corpus` with the options the registry
        gives for each file (several files are combined with :func:`framing.concat`).

    Raises
    ------
    ImportError
        If pooch is not installed (``pip install "framing-kit[fetch]"``).
    framing.DatasetError
        If a download fails, a file does not match its pinned SHA-256 (nothing is left
        in the cache then), or a file has no public source and no mirror is given.
    framing.ParameterError
        If ``name`` is not a known dataset.

    See Also
    --------
    available : the datasets, their sizes and licences.
    load_sample : the synthetic sample, packaged with the kit (no download).

    Examples
    --------
    >>> from framing.datasets import fetch
    >>> corpus = fetch("resistinua")  # doctest: +SKIP
    resistinua: English texts of Ukrainian officials' video addresses, Feb-May 2022 ...
    """
    dataset = _dataset(name)
    paths = fetch_files(name, base_url=base_url, progress=progress)
    print(_notice(dataset), flush=True)
    frames = [
        read_corpus(path, **dict(file.options))
        for path, file in zip(paths, dataset.files, strict=True)
    ]
    if len(frames) == 1:
        return frames[0]
    from framing.corpus.concat import concat

    return concat(frames)


def fetch_files(
    name: str,
    *,
    base_url: str | None = None,
    progress: bool = False,
) -> list[Path]:
    """Download a public corpus's files into the cache and return their paths.

    What :func:`fetch` does before reading: download (or find in the cache) every file
    of the dataset and check its pinned SHA-256. Use it to read the files yourself.

    Parameters
    ----------
    name : str
        A dataset's name (see :func:`available`).
    base_url : str, optional
        A mirror to download from, as in :func:`fetch`.
    progress : bool
        Show pooch's download progress bar.

    Returns
    -------
    list of pathlib.Path
        The cached files, in the registry's order.

    See Also
    --------
    fetch : download and read the corpus.

    Examples
    --------
    >>> from framing.datasets import fetch_files
    >>> [path.name for path in fetch_files("nyt_guardian")]  # doctest: +SKIP
    ['Guardians_Russia_Ukraine.csv', 'NYT_Russia_Ukraine.csv']
    """
    dataset = _dataset(name)
    pooch = _import_pooch()
    cache = data_dir()
    mirror = base_url if base_url is not None else os.environ.get(DATA_URL_ENV) or None
    return [_fetch_file(pooch, dataset, file, cache, mirror, progress) for file in dataset.files]


def data_dir() -> Path:
    """Return the folder downloaded datasets are kept in.

    Returns
    -------
    pathlib.Path
        ``$FRAMING_DATA_DIR`` if that is set, else ``pooch.os_cache("framing")`` (the
        user's cache folder; pooch must be installed).

    Examples
    --------
    >>> import os
    >>> from framing.datasets import data_dir
    >>> os.environ["FRAMING_DATA_DIR"] = "/tmp/framing-data"
    >>> str(data_dir())
    '/tmp/framing-data'
    >>> del os.environ["FRAMING_DATA_DIR"]
    """
    folder = os.environ.get(DATA_DIR_ENV)
    if folder:
        return Path(folder).expanduser()
    return Path(_import_pooch().os_cache("framing"))


def _dataset(name: str) -> Dataset:
    check_choice(name, sorted(DATASETS), parameter="name", function="fetch")
    return DATASETS[name]


def _notice(dataset: Dataset) -> str:
    return (
        f"{dataset.name}: {dataset.title} ({dataset.documents:,} documents).\n"
        f"  Licence: {dataset.licence} ({dataset.licence_url}).\n"
        f"  Attribution: {dataset.attribution}.\n"
        f"  Source: {dataset.source}."
    )


def _import_pooch() -> Any:
    try:
        import pooch
    except ImportError as error:
        raise ImportError(
            "framing.datasets.fetch downloads with pooch, which is not installed: "
            'pip install "framing-kit[fetch]" (or pip install pooch).'
        ) from error
    return pooch


def _copy_file_url(url: str, output_file: Any, pooch: Any, check_only: bool = False) -> Any:
    """A pooch downloader for ``file://`` URLs (a local mirror): copies the file."""
    from urllib.parse import unquote, urlparse
    from urllib.request import url2pathname

    source = Path(url2pathname(unquote(urlparse(url).path)))
    if check_only:
        return source.is_file()
    if not source.is_file():
        raise FileNotFoundError(f"{url}: no such file in the local mirror.")
    if hasattr(output_file, "write"):
        output_file.write(source.read_bytes())
    else:
        shutil.copyfile(source, output_file)
    return None


def _downloader(pooch: Any, url: str, progress: bool) -> Any:
    if url.startswith("file:"):
        return _copy_file_url
    return pooch.HTTPDownloader(progressbar=progress)


def _fetch_file(
    pooch: Any,
    dataset: Dataset,
    file: DatasetFile,
    cache: Path,
    mirror: str | None,
    progress: bool,
) -> Path:
    folder = cache / dataset.name
    target = folder / Path(file.path).name
    known = f"sha256:{file.sha256}"
    if mirror is not None:
        url, member = f"{mirror.rstrip('/')}/{file.path}", None
    elif file.url is None:
        raise DatasetError(
            f"The dataset {dataset.name!r} has no public copy of {file.path} in a form "
            f"framing reads ({dataset.note}). Download it from a mirror: "
            f"fetch({dataset.name!r}, base_url=URL) or set {DATA_URL_ENV}."
        )
    else:
        url, member = file.url, file.member
    if member is not None:
        return _fetch_member(pooch, dataset, file, target, url, member, progress)
    try:
        pooch.retrieve(
            url,
            known_hash=known,
            fname=target.name,
            path=folder,
            downloader=_downloader(pooch, url, progress),
            progressbar=progress,
        )
    except ValueError as error:
        got = re.search(r"but got ([0-9a-fA-F]+)", str(error))
        raise DatasetError(
            f"The download of {file.path} for the dataset {dataset.name!r} from {url} "
            f"does not match its pinned hash: expected sha256:{file.sha256}, got "
            f"sha256:{got.group(1) if got else 'unknown'}. Nothing was kept in {folder}; "
            "the source may have changed, or the download was corrupted."
        ) from error
    except DatasetError:
        raise
    except Exception as error:  # network and HTTP errors: requests', urllib's, OSError
        raise DatasetError(
            f"Could not download {file.path} for the dataset {dataset.name!r} from {url}: {error}"
        ) from error
    return target


def _fetch_member(
    pooch: Any,
    dataset: Dataset,
    file: DatasetFile,
    target: Path,
    url: str,
    member: str,
    progress: bool,
) -> Path:
    """A file inside a zip archive: download the archive, extract, check, keep the member."""
    if target.is_file() and _sha256(target) == file.sha256:
        return target
    folder = target.parent
    archive_name = url.rsplit("/", 1)[-1]
    try:
        archive = Path(
            pooch.retrieve(
                url,
                known_hash=None,  # the member's hash is pinned and checked below
                fname=f"{archive_name}.download",
                path=folder,
                downloader=_downloader(pooch, url, progress),
                progressbar=progress,
            )
        )
    except Exception as error:
        raise DatasetError(
            f"Could not download {url} for the dataset {dataset.name!r}: {error}"
        ) from error
    partial = target.with_name(target.name + ".part")
    try:
        with zipfile.ZipFile(archive) as bundle:
            names = [n for n in bundle.namelist() if n.rsplit("/", 1)[-1] == member]
            if not names:
                raise DatasetError(
                    f"The archive {url} of the dataset {dataset.name!r} has no {member}."
                )
            with bundle.open(names[0]) as source, partial.open("wb") as out:
                shutil.copyfileobj(source, out)
        got = _sha256(partial)
        if got != file.sha256:
            raise DatasetError(
                f"{member} in {url} (dataset {dataset.name!r}) does not match its pinned "
                f"hash: expected sha256:{file.sha256}, got sha256:{got}. Nothing was kept "
                f"in {folder}; the source may have changed, or the download was corrupted."
            )
        os.replace(partial, target)
    except zipfile.BadZipFile as error:
        raise DatasetError(
            f"The download {url} of the dataset {dataset.name!r} is not a zip archive: {error}"
        ) from error
    finally:
        partial.unlink(missing_ok=True)
        archive.unlink(missing_ok=True)
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
