// Claim form: show the parameters of the chosen activity type, reload for another year, and
// preview the hours live through POST /api/v1/recognition/evaluate (with the session's CSRF token).
(function () {
  'use strict';
  var form = document.getElementById('claim-form');
  if (!form) { return; }
  var preview = document.getElementById('preview');
  var result = document.getElementById('preview-result');
  var csrfToken = document.querySelector('meta[name="_csrf"]');
  var csrfHeader = document.querySelector('meta[name="_csrf_header"]');

  function showType(select) {
    var item = select.getAttribute('data-item');
    form.querySelectorAll('fieldset.type-params[data-item="' + item + '"]').forEach(function (fs) {
      var on = fs.getAttribute('data-type') === select.value;
      fs.disabled = !on;
      fs.classList.toggle('d-none', !on);
    });
  }

  function items() {
    var list = [];
    form.querySelectorAll('select.activity-type').forEach(function (select) {
      var item = { activityType: select.value };
      var idx = select.getAttribute('data-item');
      var fs = form.querySelector('fieldset.type-params[data-item="' + idx + '"][data-type="' + select.value + '"]');
      if (fs) {
        fs.querySelectorAll('input, select').forEach(function (el) {
          var m = /params\[(\w+)\]$/.exec(el.name || '');
          if (m && el.value !== '') {
            item[m[1]] = (el.tagName === 'INPUT' && el.type === 'number' && !isNaN(Number(el.value)))
              ? Number(el.value) : el.value;
          }
        });
      }
      list.push(item);
    });
    return list;
  }

  function text(tag, content, cls) {
    var el = document.createElement(tag);
    el.textContent = content;
    if (cls) { el.className = cls; }
    return el;
  }

  var timer = null;
  function schedulePreview() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(runPreview, 300);
  }

  function runPreview() {
    if (!preview || !result) { return; }
    var list = items();
    if (list.some(function (i) { return !i.activityType; })) { result.textContent = ''; return; }
    var headers = { 'Content-Type': 'application/json', 'Accept': 'application/json' };
    if (csrfToken && csrfHeader) { headers[csrfHeader.content] = csrfToken.content; }
    fetch(form.getAttribute('data-api') || '/api/v1/recognition/evaluate', {
      method: 'POST', headers: headers, credentials: 'same-origin',
      body: JSON.stringify({ ruleSet: preview.getAttribute('data-rule-set'),
        year: Number(preview.getAttribute('data-year')), items: list })
    }).then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        result.textContent = '';
        if (!res.ok) {
          result.appendChild(text('p', res.body.detail || '', 'text-danger mb-0'));
          return;
        }
        var b = res.body;
        var lab = function (k) { return result.getAttribute('data-label-' + k); };
        var ul = document.createElement('ul');
        ul.className = 'mb-2';
        b.items.forEach(function (it, i) {
          var li = text('li', lab('item').replace('{0}', i + 1) + '：' + it.hours + '（' + lab('public') + ' '
            + it.publicHours + '，' + lab('professional') + ' ' + it.professionalHours + '）');
          li.appendChild(text('div', lab('basis') + '：' + it.basis, 'small text-muted'));
          ul.appendChild(li);
        });
        result.appendChild(ul);
        result.appendChild(text('p', lab('total') + '：' + b.totalHours + '（' + lab('public') + ' ' + b.publicHours
          + '，' + lab('professional') + ' ' + b.professionalHours + '）', 'fw-bold mb-0 preview-total'));
      })
      .catch(function () { result.textContent = ''; });
  }

  form.querySelectorAll('select.activity-type').forEach(function (select) {
    select.addEventListener('change', function () { showType(select); schedulePreview(); });
  });
  form.addEventListener('input', schedulePreview);
  form.addEventListener('change', schedulePreview);
  var year = document.getElementById('year');
  if (year && year.getAttribute('data-reload') === 'true') {
    year.addEventListener('change', function () {
      window.location.search = '?year=' + encodeURIComponent(year.value);
    });
  }
  schedulePreview();
}());
