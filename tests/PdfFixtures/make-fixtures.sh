#!/usr/bin/env bash
# Makes the PDF fixtures in tests/TestData/pdf the way publishers make them: each source (a seed, in its
# own layout and in the official template's; a clean report of the held-out generator) written as a
# Word document (A4 with "- 2 -" footers and repeated header rows, A5 with narrow columns, "第 2 页"
# footers and full-width digits, A4 landscape with "2/5" footers and no vertical rulings, A4 with a
# narrow label column, A5 with every digit full-width) or as a CMS page, then printed by LibreOffice
# Writer. Beside each PDF, <fixture>.txt is the text it carries: the tests read the PDF against it.
#
# Usage: make-fixtures.sh [--all]
# Rewrites every .txt; prints only the PDFs that are missing (LibreOffice stamps each print with its
# date and a document id, so a reprint is never byte-identical), or all of them with --all.
# Needs Debian's libreoffice-writer-nogui and fonts-noto-cjk; the tests only read the PDFs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/tests/TestData/pdf"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v soffice >/dev/null || { echo "soffice missing: apt-get install libreoffice-writer-nogui fonts-noto-cjk" >&2; exit 2; }
dotnet run --project "$here/FixtureTool.csproj" -c Release -- "$root/tests/TestData/seeds" "$work/src"

mkdir -p "$out" "$work/print"
cp "$work"/src/*.txt "$out"/
for source in "$work"/src/*.docx "$work"/src/*.html; do
  fixture="$(basename "${source%.*}")"
  if [[ "${1:-}" == "--all" || ! -f "$out/$fixture.pdf" ]]; then
    mv "$source" "$work/print/"
  fi
done
# A private profile: no first-start dialogs, no user settings leaking into the print.
profile="file://$work/profile"
shopt -s nullglob
docx=("$work"/print/*.docx)
html=("$work"/print/*.html)
(( ${#docx[@]} )) && soffice -env:UserInstallation="$profile" --headless --convert-to pdf:writer_pdf_Export --outdir "$out" "${docx[@]}" >/dev/null
(( ${#html[@]} )) && soffice -env:UserInstallation="$profile" --headless --infilter="HTML (StarWriter)" --convert-to pdf:writer_pdf_Export --outdir "$out" "${html[@]}" >/dev/null
echo "printed $(( ${#docx[@]} + ${#html[@]} )) PDFs"
ls -l "$out"/*.pdf | awk '{ total += $5 } END { printf "%d PDFs, %.1f MB\n", NR, total / 1048576 }'
