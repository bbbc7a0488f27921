#!/usr/bin/env bash
# The report in a real browser: headless Chromium opens report pages from disk, and the test fails unless every
# image decoded, every expected section is there, the torus pictures are there and show data, nothing points to the
# network and the console shows no error.
# Screenshots (laptop size 1440×900 and full page) go to out/browser-test/ for a human look.
#
# Usage: scripts/browser_test.sh [path/to/repanalyze]     (make test-browser builds it first)
# Needs: chromium (Debian package `chromium`).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/repanalyze}
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -x "$BIN" ] || { echo "browser test: $BIN not built (run: swift build)"; exit 1; }
[ -n "$CHROMIUM" ] || { echo "browser test: chromium not found (apt-get install chromium)"; exit 1; }
OUT=out/browser-test
rm -rf "$OUT"; mkdir -p "$OUT"
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
FIX=Tests/Fixtures/report
SECTIONS='["provenance","ratemaps","gridness","fourier","topology","training"]'

# Page 1: every section filled from the fixtures. Page 2: a simulated dump with what this build computes itself; the
# default population (32 cells per module), so that the largest module's barcode is a torus's and the report draws
# its toroidal coordinates (with 8 cells per module it is not: betti (1, 0, 1), no torus pictures).
"$BIN" report "$FIX/maps.h5" --scores "$FIX/scores.json" --modules "$FIX/modules.json" --barcode "$FIX/bars.json" \
  --run "$FIX/run" -o "$OUT/full.html" > "$WORK/full.log"
"$BIN" simulate -o "$WORK/sim.h5" --steps 20000 > /dev/null
"$BIN" report "$WORK/sim.h5" -o "$OUT/simulated.html" --landmarks 200 > "$WORK/sim.log"

browser() { timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
  --disable-extensions --user-data-dir="$WORK/profile" "$@"; }

fail=0
# check PAGE.html EXPECTED_SECTIONS_JSON MIN_IMAGES [FIGURES_JSON]
# FIGURES_JSON, {"section id": ["figure title", ...]}: each of those figures (an image whose alt is the title) must be in
# that section, decode, and show data: drawn on a canvas, at least 2 % of its pixels coloured (max − min channel
# > 40; axes and text are grey) spanning at least 3 of 12 hue bins (a colour scale, not one flat colour). The
# report's torus pictures measured 18–39 % coloured pixels in 7–12 hue bins (2026-12-02); a blank plot, axes only, 0 %.
check() {
  local page=$1 sections=$2 minimages=$3 figures=${4:-'{}'} name; name=$(basename "$page" .html)
  [ "$page" -ef "$WORK/$name.html" ] || cp "$page" "$WORK/$name.html"
  cat > "$WORK/harness-$name.html" <<HTML
<!DOCTYPE html><html><body><pre id="result">PENDING</pre>
<iframe id="f" src="$name.html" style="width:1440px;height:900px"></iframe>
<script>
document.getElementById('f').onload = async function () {
  const out = [], d = this.contentDocument;
  if (!d) { document.getElementById('result').textContent = 'FAIL cannot read the page'; return; }
  const imgs = Array.from(d.images);
  for (const im of imgs) {
    try { await im.decode(); } catch (e) { out.push('image does not decode: ' + im.alt); continue; }
    if (!(im.complete && im.naturalWidth > 0 && im.naturalHeight > 0)) out.push('image not rendered: ' + im.alt);
  }
  if (imgs.length < $minimages) out.push('only ' + imgs.length + ' images, expected at least $minimages');
  for (const id of $sections) if (!d.getElementById(id)) out.push('missing section #' + id);
  const figs = $figures, seen = [];
  for (const [id, titles] of Object.entries(figs)) for (const title of titles) {
    const im = Array.from(d.querySelectorAll('#' + id + ' img')).find(i => i.alt === title);
    if (!im) { out.push('missing figure in #' + id + ': ' + title); continue; }
    try { await im.decode(); } catch (e) { continue; }
    const c = document.createElement('canvas'); c.width = im.naturalWidth; c.height = im.naturalHeight;
    const g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, c.width, c.height); g.drawImage(im, 0, 0);
    let px; try { px = g.getImageData(0, 0, c.width, c.height).data; } catch (e) { out.push('cannot read the pixels of ' + title + ': ' + e); continue; }
    let colored = 0; const hues = new Set();
    for (let i = 0; i < px.length; i += 4) {
      const r = px[i], gg = px[i + 1], b = px[i + 2], hi = Math.max(r, gg, b), lo = Math.min(r, gg, b);
      if (hi - lo <= 40) continue;
      colored++;
      let h = hi === r ? (gg - b) / (hi - lo) : hi === gg ? 2 + (b - r) / (hi - lo) : 4 + (r - gg) / (hi - lo);
      hues.add(Math.floor(((h * 60 + 360) % 360) / 30));
    }
    const frac = colored / (px.length / 4);
    seen.push(title + ' ' + (100 * frac).toFixed(0) + '% ' + hues.size + ' hues');
    if (frac < 0.02 || hues.size < 3) out.push('figure shows no data: ' + title + ' (' + (100 * frac).toFixed(1) + ' % coloured, ' + hues.size + ' hue bins)');
  }
  // The sortable table sorts numerically, both ways, when a header is clicked.
  const t = d.querySelector('table.sortable');
  if (t && t.tBodies[0].rows.length > 1) {
    const col = 1, th = t.tHead.rows[0].cells[col];
    const vals = () => Array.from(t.tBodies[0].rows).map(r => parseFloat(r.cells[col].textContent)).filter(x => !isNaN(x));
    th.click(); const up = vals(); th.click(); const down = vals();
    const sorted = (a, s) => a.every((x, i) => i === 0 || s * (x - a[i - 1]) >= 0);
    if (!sorted(up, 1) || !sorted(down, -1)) out.push('sortable table does not sort column ' + th.textContent);
  }
  for (const e of d.querySelectorAll('[src],[href]')) {
    const u = e.getAttribute('src') || e.getAttribute('href');
    if (!(u.startsWith('data:') || u.startsWith('#'))) out.push('non-embedded reference: ' + u.slice(0, 80));
  }
  document.getElementById('result').textContent = out.length ? 'FAIL: ' + out.join(' | ')
    : 'OK ' + imgs.length + ' images decoded, ' + d.querySelectorAll('section').length + ' sections'
      + (seen.length ? '; figures: ' + seen.join(', ') : '');
};
</script></body></html>
HTML
  # The page itself, logging its console: any error-level message or uncaught exception fails the test.
  browser --enable-logging=stderr --v=0 --virtual-time-budget=5000 --dump-dom "file://$WORK/$name.html" \
    > /dev/null 2> "$WORK/$name.console" || true
  browser --allow-file-access-from-files --virtual-time-budget=15000 --dump-dom "file://$WORK/harness-$name.html" \
    > "$WORK/$name.dom" 2> /dev/null || true
  local result; result=$(sed -n 's/.*<pre id="result">\([^<]*\)<\/pre>.*/\1/p' "$WORK/$name.dom")
  # Chromium logs every console message at INFO level whatever its kind; the report logs nothing, so any
  # console line (an error, an uncaught exception, a warning) fails the test.
  local console; console=$(grep -E ':CONSOLE[:(]' "$WORK/$name.console" || true)
  browser --window-size=1440,900 --screenshot="$OUT/$name-1440x900.png" "file://$WORK/$name.html" > /dev/null 2>&1 || true
  browser --window-size=1440,4200 --screenshot="$OUT/$name-full.png" "file://$WORK/$name.html" > /dev/null 2>&1 || true
  if [[ "$result" == OK* && -z "$console" && -s "$OUT/$name-1440x900.png" ]]; then
    echo "browser test $name: $result; no console errors; screenshots $OUT/$name-*.png"
  else
    echo "browser test $name: FAILED: ${result:-no result}"; [ -z "$console" ] || echo "console: $console"
    [ -s "$OUT/$name-1440x900.png" ] || echo "no screenshot"
    fail=1
  fi
}
# Negative control first: a page with a broken image, an external URL and a console error must fail.
cat > "$WORK/broken.html" <<HTML
<html><body><section id="provenance"><img alt="blank plot" src="data:image/svg+xml;base64,$(printf '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" fill="#fff"/><path d="M10 90H90M10 90V10" stroke="#444"/></svg>' | base64 -w0)"></section><img src="data:image/png;base64,AAAA" alt="broken">
<img src="https://example.invalid/x.png" alt="external"><script>console.error("deliberate")</script>
<table class="sortable"><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>5</td></tr><tr><td>2</td><td>3</td></tr></tbody></table>
</body></html>
HTML
check "$WORK/broken.html" '["provenance"]' 1 '{"provenance": ["blank plot", "absent plot"]}' > "$WORK/control.txt" || true
if [ "$fail" -eq 1 ] && grep -q "image does not decode: broken" "$WORK/control.txt" \
   && grep -q "non-embedded reference: https://example.invalid" "$WORK/control.txt" && grep -q "deliberate" "$WORK/control.txt" \
   && grep -q "does not sort" "$WORK/control.txt" && grep -q "figure shows no data: blank plot" "$WORK/control.txt" \
   && grep -q "missing figure in #provenance: absent plot" "$WORK/control.txt"; then
  echo "browser test control: a broken page is caught (undecodable image, external URL, console error, unsortable table, blank and missing figures)"
  fail=0; rm -f "$OUT"/broken-*.png
else
  echo "browser test control: the harness did NOT catch a broken page:"; cat "$WORK/control.txt"; exit 1
fi
check "$OUT/full.html" "$SECTIONS" 9
check "$OUT/simulated.html" '["provenance","ratemaps","gridness","fourier","topology","training","truth"]' 12 \
  '{"topology": ["flat torus, coloured by x", "flat torus, coloured by y", "phase maps", "the torus"]}'
exit $fail
