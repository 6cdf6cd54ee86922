// Unit activity form: show the labelled parameters of the chosen activity type only (the others are disabled,
// so only the chosen type's fields are sent).
(function () {
  'use strict';
  var form = document.getElementById('new-activity');
  if (!form) { return; }
  var select = document.getElementById('activityType');
  function show() {
    form.querySelectorAll('fieldset.activity-params').forEach(function (fs) {
      var on = fs.getAttribute('data-type') === select.value;
      fs.disabled = !on;
      fs.classList.toggle('d-none', !on);
    });
  }
  select.addEventListener('change', show);
  show();
}());
