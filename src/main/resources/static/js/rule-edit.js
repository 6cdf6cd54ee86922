// The typed rule editor: while the analyst types, the server reads the form as it would save it and answers with
// the before → after sentence, the sample items' hours and the messages per field (no inline script: CSP).
document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('rule-form');
  if (!form) { return; }
  var url = form.getAttribute('data-preview-url');
  var timer = null;
  var serial = 0;

  function cell(text) {
    var td = document.createElement('td');
    td.textContent = text;
    return td;
  }

  function show(answer) {
    document.getElementById('sentence-after').textContent = answer.after;
    var table = document.getElementById('samples');
    var none = document.getElementById('samples-none');
    var body = table.querySelector('tbody');
    body.replaceChildren();
    answer.samples.forEach(function (s) {
      var tr = document.createElement('tr');
      if (s.before !== s.after) { tr.className = 'table-warning'; }
      tr.append(cell(s.item), cell(s.before), cell(s.after));
      body.append(tr);
    });
    table.classList.toggle('d-none', answer.samples.length === 0);
    none.classList.toggle('d-none', answer.samples.length > 0);
    form.querySelectorAll('[data-field]').forEach(function (box) {
      var key = box.getAttribute('data-field');
      var message = answer.errors[key] || '';
      var feedback = box.querySelector('.field-error');
      if (feedback) { feedback.textContent = message; }
      var input = box.querySelector('select, input[type=text], textarea');
      if (input) { input.classList.toggle('is-invalid', message !== ''); }
    });
  }

  function ask() {
    var mine = ++serial;
    fetch(url, {
      method: 'POST',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json'},
      body: new URLSearchParams(new FormData(form))
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) { if (answer && mine === serial) { show(answer); } })
      .catch(function () { /* the 预览 button still works */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(ask, 350);
  }

  form.addEventListener('input', later);
  form.addEventListener('change', later);
});
