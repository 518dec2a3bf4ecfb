"""The HTML report's style sheet and script, inlined into every page (no CDN, no file beside it).

The script filters the sample list (status, task, run, free text), sorts it by a column, opens the
sample a matrix link points at, and keeps the filters in the address (``#status=fail&run=ID``,
``?status=fail`` too) so that a link shares a filtered view. With ``selfcheck`` in the address it
writes what the browser drew into ``<pre id="selfcheck">`` (JSON): each chart's size and marks,
and the samples left visible; the browser test reads it.
"""

STYLE = """
:root{--pass:#d8f5d8;--fail:#f8dada;--part:#fff1c4;--infra:#ddd;--missing:#fff;--line:#d0d0d0}
body{font-family:system-ui,sans-serif;margin:1.5em 2em;color:#222;max-width:1400px}
h1{margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid var(--line);padding-bottom:.2em}
small,.small{color:#666;font-size:.85em}
table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid var(--line);padding:3px 8px;text-align:left;
vertical-align:top}th{background:#f3f3f3}td[title],th[title]{cursor:help}
.pass{background:var(--pass)}.fail{background:var(--fail)}.partial{background:var(--part)}
.infra_error,.model_error,.infra{background:var(--infra)}.not_scored{background:#eef}
.missing{background:repeating-linear-gradient(45deg,#fff,#fff 4px,#f4d4d4 4px,#f4d4d4 8px);font-weight:bold}
.absent{color:#aaa}
.warnings{border:2px solid #d9a400;background:#fff8e0;padding:.4em 1em;margin:1em 0}
.warnings li{margin:.3em 0}
.figures{display:flex;flex-wrap:wrap;gap:1.5em}.figures figure{margin:0}
figcaption{font-weight:600;margin:.3em 0}svg.chart{max-width:100%;height:auto;background:#fff}
.controls{display:flex;flex-wrap:wrap;gap:.6em;align-items:center;margin:.6em 0;position:sticky;top:0;
background:#fff;padding:.4em 0;z-index:1;border-bottom:1px solid var(--line)}
.row{display:grid;grid-template-columns:minmax(9em,15em) minmax(10em,18em) 3em 9em 6em 1fr;
gap:.5em;align-items:baseline;padding:2px 6px}
.sample-head{font-weight:600;background:#f3f3f3}
.sample-head button{all:unset;cursor:pointer}.sample-head button::after{content:" \\21C5";color:#aaa}
.sample-head button.asc::after{content:" \\25B2";color:#222}
.sample-head button.desc::after{content:" \\25BC";color:#222}
details.sample{border-bottom:1px solid #eee;scroll-margin-top:3.5em}
details.sample>summary{cursor:pointer;list-style:none}
details.sample>summary::-webkit-details-marker{display:none}
details.sample[open]>summary{outline:2px solid #5b9bd5}
.row span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.body{padding:.3em 1em 1em 2em}.body h4{margin:.7em 0 .2em}
pre{background:#f7f7f7;padding:8px;overflow:auto;max-height:32em;white-space:pre-wrap;font-size:.85em}
.hl-kw{color:#0033b3;font-weight:600}.hl-comment{color:#8c8c8c;font-style:italic}.hl-string{color:#067d17}
.hl-number{color:#1750eb}.hl-meta{color:#9e880d}.hl-fence{color:#aaa}
"""

SCRIPT = r"""
(function () {
  const list = document.getElementById('sample-list');
  if (!list) return;
  const items = Array.from(list.querySelectorAll('details.sample'));
  const controls = {status: 'f-status', run: 'f-run', task: 'f-task', q: 'f-q'};
  const field = (name) => document.getElementById(controls[name]);
  const count = document.getElementById('f-count');
  let sortKey = '', sortDir = 1;

  function addressParams() {
    const params = new URLSearchParams(location.search);
    const hash = decodeURIComponent(location.hash.slice(1));
    if (hash.includes('=')) new URLSearchParams(hash).forEach((value, key) => params.set(key, value));
    return params;
  }
  function matches(el) {
    const status = field('status').value, run = field('run').value, task = field('task').value;
    const query = field('q').value.trim().toLowerCase();
    if (status && el.dataset.status !== status && el.dataset.group !== status) return false;
    if (run && el.dataset.run !== run) return false;
    if (task && el.dataset.task !== task && !el.dataset.task.endsWith('/' + task)) return false;
    if (query) {
      const answer = el.querySelector('.answer');
      const text = [el.querySelector('summary').textContent, el.dataset.task, el.dataset.kind,
                    answer ? answer.textContent : ''].join(' ').toLowerCase();
      if (!text.includes(query)) return false;
    }
    return true;
  }
  function apply() {
    let shown = 0;
    for (const el of items) { el.hidden = !matches(el); if (!el.hidden) shown++; }
    count.textContent = shown + ' of ' + items.length + ' samples';
  }
  function sortBy(key, direction) {
    sortKey = key; sortDir = direction;
    const numeric = key === 'sample' || key === 'tokens';
    const value = (el) => numeric ? Number(el.dataset[key] || -1) : (el.dataset[key] || '');
    items.sort((a, b) => {
      const x = value(a), y = value(b);
      return (x < y ? -1 : x > y ? 1 : 0) * direction || Number(a.dataset.order) - Number(b.dataset.order);
    });
    for (const el of items) list.appendChild(el);
    document.querySelectorAll('.sample-head button').forEach((button) => {
      button.className = button.dataset.sort === key ? (direction > 0 ? 'asc' : 'desc') : '';
    });
  }
  function writeAddress() {
    const params = new URLSearchParams();
    for (const name of Object.keys(controls)) if (field(name).value) params.set(name, field(name).value);
    if (sortKey) params.set('sort', (sortDir < 0 ? '-' : '') + sortKey);
    history.replaceState(null, '', location.pathname + (params.toString() ? '#' + params.toString() : ''));
  }
  function setField(name, value) {
    const el = field(name);
    if (el.tagName === 'SELECT' && value) {
      const options = Array.from(el.options).map((option) => option.value);
      // a task may be named without its suite; a value the page has no option for still filters (to nothing)
      value = options.find((option) => option === value) || options.find((option) => option.endsWith('/' + value))
              || value;
      if (!options.includes(value)) el.add(new Option(value, value));
    }
    el.value = value;
  }
  function readAddress() {
    const params = addressParams();
    for (const name of Object.keys(controls)) setField(name, params.get(name) || '');
    const sort = params.get('sort');
    if (sort) sortBy(sort.replace(/^-/, ''), sort.startsWith('-') ? -1 : 1);
    apply();
    return params;
  }
  function openSample(id) {
    const el = document.getElementById(id);
    if (!el || el.tagName !== 'DETAILS') return;
    if (el.hidden) { for (const name of Object.keys(controls)) field(name).value = ''; apply(); }
    el.open = true;
    el.scrollIntoView({block: 'start'});
  }
  function followAddress(first) {
    const hash = decodeURIComponent(location.hash.slice(1));
    const params = readAddress();
    if (params.get('open')) openSample(params.get('open'));
    else if (hash && !hash.includes('=')) openSample(hash);
    else if (first && [...Object.keys(controls)].some((name) => params.get(name)))
      document.getElementById('samples').scrollIntoView({block: 'start'});
    return params;
  }

  for (const name of Object.keys(controls)) {
    field(name).addEventListener('input', () => { apply(); writeAddress(); });
  }
  document.querySelectorAll('.sample-head button').forEach((button) => button.addEventListener('click', () => {
    sortBy(button.dataset.sort, sortKey === button.dataset.sort ? -sortDir : 1);
    writeAddress();
  }));
  document.querySelectorAll('a.open-sample').forEach((link) => link.addEventListener('click', (event) => {
    event.preventDefault();
    const id = link.getAttribute('href').slice(1);
    history.replaceState(null, '', '#' + id);
    openSample(id);
  }));
  window.addEventListener('hashchange', () => followAddress(false));
  const params = followAddress(true);

  if (params.has('selfcheck')) {
    const charts = Array.from(document.querySelectorAll('svg.chart')).map((svg) => {
      const box = svg.getBoundingClientRect();
      const marks = Array.from(svg.querySelectorAll('.mark'));
      const drawn = marks.filter((mark) => { const b = mark.getBBox(); return b.width > 0 || b.height > 0; });
      return {id: svg.id, width: box.width, height: box.height, marks: marks.length, drawn: drawn.length};
    });
    const visible = items.filter((el) => el.getClientRects().length > 0).map((el) => ({
      id: el.id, run: el.dataset.run, task: el.dataset.task, sample: Number(el.dataset.sample),
      status: el.dataset.status, group: el.dataset.group}));
    const open = items.filter((el) => el.open).map((el) => el.id);
    const out = document.createElement('pre');
    out.id = 'selfcheck';
    const filters = Object.fromEntries(Object.keys(controls).map((name) => [name, field(name).value]));
    out.textContent = JSON.stringify({charts: charts, samples: items.length, visible: visible, open: open,
                                      filters: filters});
    document.body.appendChild(out);
  }
})();
"""
