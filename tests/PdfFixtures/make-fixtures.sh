#!/usr/bin/env bash
# Remakes the PDF fixtures in tests/TestData/pdf the way publishers make them: each seed, in its own
# layout and in the official template's, written as a Word document (A4 with "- 2 -" footers and
# repeated header rows, A5 with narrow columns, "第 2 页" footers and full-width digits, A4 landscape
# with "2/5" footers and no vertical rulings) or as a CMS page, then printed by LibreOffice Writer.
# Needs Debian's libreoffice-writer-nogui and fonts-noto-cjk; the tests only read the PDFs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/tests/TestData/pdf"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v soffice >/dev/null || { echo "soffice missing: apt-get install libreoffice-writer-nogui fonts-noto-cjk" >&2; exit 2; }
dotnet run --project "$here/FixtureTool.csproj" -c Release -- "$root/tests/TestData/seeds" "$work/src"

mkdir -p "$out"
rm -f "$out"/[0-9][0-9][0-9].*.pdf
# A private profile: no first-start dialogs, no user settings leaking into the print.
profile="file://$work/profile"
soffice -env:UserInstallation="$profile" --headless --convert-to pdf:writer_pdf_Export --outdir "$out" "$work"/src/*.docx >/dev/null
soffice -env:UserInstallation="$profile" --headless --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export --outdir "$out" "$work"/src/*.html >/dev/null
ls -l "$out"/*.pdf | awk '{ total += $5 } END { printf "%d PDFs, %.1f MB\n", NR, total / 1048576 }'
