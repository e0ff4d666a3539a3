"""Download the Vietnamese Hunspell dictionary of npm's `dictionary-vi` into the cache.

`make test` runs this before the tests, so that tests/test_catalogs.py spell-checks
offline. The tarball is taken straight from the npm registry (no npm needed) and checked
against its published SHA-512 before anything is written.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request

from tests.spelling import DICTIONARY

VERSION = "3.0.0"
URL = f"https://registry.npmjs.org/dictionary-vi/-/dictionary-vi-{VERSION}.tgz"
SHA512 = ("r7QNGoJvKsLbxc4/59QP2pvJd7X08/8OWtZxiTfQGLwtl7nLw9F/IveWiUR46HBzSjws0L33fKf9UtlSrcYb"
          "RA==")


def main() -> int:
    if DICTIONARY.is_file():
        return 0
    try:
        with urllib.request.urlopen(URL, timeout=60) as response:
            tarball = response.read()
    except OSError as error:
        print(f"Could not download the Vietnamese dictionary ({URL}): {error}. "
              "Check the network, or put its index.dic at " + str(DICTIONARY), file=sys.stderr)
        return 1
    if base64.b64encode(hashlib.sha512(tarball).digest()).decode() != SHA512:
        print(f"The download of {URL} does not match its published SHA-512; nothing written.",
              file=sys.stderr)
        return 1
    with tarfile.open(fileobj=io.BytesIO(tarball)) as archive:
        member = archive.extractfile("package/index.dic")
        assert member is not None
        DICTIONARY.parent.mkdir(parents=True, exist_ok=True)
        DICTIONARY.write_bytes(member.read())
    print(f"Vietnamese dictionary dictionary-vi {VERSION}: {DICTIONARY}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
