/**
 * The dashboard's one script, served from /dashboard/assets/region-picker.js (the CSP allows only
 * same-origin scripts, nothing inline). Progressive enhancement: every region field is a plain text
 * box that takes a name or a code and is resolved on the server; with this script it becomes
 * search-as-you-type over /dashboard/api/regions (names within the staff member's own region, exact
 * names first), single or several at once. The submitted field carries codes, plus whatever was
 * typed and not picked (the server resolves that as it would without the script).
 */
export const REGION_PICKER_JS = `(function () {
  'use strict';
  var DELAY_MS = 200;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  function setup(input) {
    var multi = input.getAttribute('data-region-picker') === 'multi';
    var field = el('input', { type: 'hidden', name: input.name });
    input.removeAttribute('name');
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    var list = el('ul', { class: 'picker-list', role: 'listbox', id: input.id + '-list' });
    list.hidden = true;
    input.setAttribute('aria-controls', list.id);
    var chips = el('ul', { class: 'picker-chips', 'aria-label': 'Wilayah terpilih' });
    var chosen = [];
    var picked = null;
    var timer = null;
    var seq = 0;
    input.parentNode.insertBefore(field, input);
    if (multi) input.parentNode.insertBefore(chips, input);
    input.parentNode.appendChild(list);

    function sync() {
      var typed = input.value.trim();
      if (multi) {
        field.value = chosen.map(function (c) { return c.code; }).concat(typed ? [typed] : []).join(',');
      } else {
        field.value = picked && picked.label === input.value ? picked.code : typed;
      }
    }

    function renderChips() {
      chips.textContent = '';
      chosen.forEach(function (c, i) {
        var li = el('li', { 'data-code': c.code }, '');
        li.appendChild(el('span', {}, c.label));
        var x = el('button', { type: 'button', 'aria-label': 'Hapus ' + c.label }, '\\u00d7');
        x.addEventListener('click', function () { chosen.splice(i, 1); renderChips(); sync(); input.focus(); });
        li.appendChild(x);
        chips.appendChild(li);
      });
      if (multi) input.required = input.hasAttribute('data-required') && chosen.length === 0;
    }

    function close() { list.hidden = true; list.textContent = ''; input.setAttribute('aria-expanded', 'false'); }

    function choose(item) {
      if (multi) {
        if (!chosen.some(function (c) { return c.code === item.code; })) chosen.push(item);
        input.value = '';
        renderChips();
      } else {
        picked = item;
        input.value = item.label;
      }
      close();
      sync();
    }

    function show(items) {
      list.textContent = '';
      if (items.length === 0) { close(); return; }
      items.forEach(function (item, i) {
        var li = el('li', { role: 'option', id: input.id + '-opt-' + i });
        var b = el('button', { type: 'button', 'data-code': item.code }, item.label);
        b.addEventListener('mousedown', function (e) { e.preventDefault(); });
        b.addEventListener('click', function () { choose(item); input.focus(); });
        li.appendChild(b);
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function search() {
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      var mine = ++seq;
      fetch('/dashboard/api/regions?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : { items: [] }; })
        .then(function (data) { if (mine === seq && document.activeElement === input) show(data.items || []); })
        .catch(function () { close(); });
    }

    input.addEventListener('input', function () {
      sync();
      clearTimeout(timer);
      timer = setTimeout(search, DELAY_MS);
    });
    input.addEventListener('keydown', function (e) {
      var buttons = list.querySelectorAll('button');
      var active = list.querySelector('button.active');
      var at = Array.prototype.indexOf.call(buttons, active);
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (!buttons.length) return;
        e.preventDefault();
        if (active) active.classList.remove('active');
        var down = e.key === 'ArrowDown';
        var next = buttons[at < 0 ? (down ? 0 : buttons.length - 1) : (at + (down ? 1 : buttons.length - 1)) % buttons.length];
        next.classList.add('active');
        input.setAttribute('aria-activedescendant', next.parentNode.id);
      } else if (e.key === 'Enter' && !list.hidden && buttons.length) {
        e.preventDefault();
        (active || buttons[0]).click();
      } else if (e.key === 'Escape') {
        close();
      } else if (e.key === 'Backspace' && multi && input.value === '' && chosen.length) {
        chosen.pop();
        renderChips();
        sync();
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });

    var initial = input.getAttribute('data-chosen');
    if (initial) {
      try {
        var items = JSON.parse(initial);
        if (multi) { chosen = items; input.value = ''; renderChips(); }
        else if (items[0]) { picked = items[0]; input.value = items[0].label; }
      } catch (err) { /* keep the typed text */ }
    }
    if (multi && input.required) { input.setAttribute('data-required', ''); renderChips(); }
    sync();
  }

  function start() {
    document.documentElement.classList.add('js');
    Array.prototype.forEach.call(document.querySelectorAll('input[data-region-picker]'), setup);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;
