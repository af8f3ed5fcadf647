/* Drag to reorder the rows of an admin tabular inline that has an "order" column.
 *
 * Each saved row gets a handle; dragging it moves the row, and the order numbers
 * of all rows are rewritten 1, 2, 3 … in their new sequence. Typing the numbers
 * by hand still works (and is the way without a mouse or without JavaScript).
 */
'use strict';
(function () {
  function orderInput(row) {
    // Not the hidden copy of the number the row was shown with (initial-…).
    return row.querySelector('input[name$="-order"]:not([name^="initial-"])');
  }

  function renumber(tbody) {
    var number = 1;
    tbody.querySelectorAll('tr.form-row').forEach(function (row) {
      var input = orderInput(row);
      if (input && row.classList.contains('has_original')) {
        input.value = number;
        number += 1;
      }
    });
  }

  function makeSortable(group) {
    var tbody = group.querySelector('tbody');
    if (!tbody) {
      return;
    }
    var dragged = null;
    tbody.querySelectorAll('tr.form-row.has_original').forEach(function (row) {
      if (!orderInput(row)) {
        return;
      }
      var handle = document.createElement('span');
      handle.className = 'sort-handle';
      handle.textContent = '⇅';
      handle.title = group.dataset.sortTitle || '';
      handle.setAttribute('aria-hidden', 'true');
      handle.style.cursor = 'grab';
      handle.style.fontSize = '1.2em';
      handle.style.marginRight = '.4em';
      var cell = row.querySelector('td.original') || row.firstElementChild;
      cell.prepend(handle);
      handle.addEventListener('mousedown', function () { row.draggable = true; });
      handle.addEventListener('mouseup', function () { row.draggable = false; });
      row.addEventListener('dragstart', function (event) {
        dragged = row;
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', row.id);
        row.style.opacity = '0.5';
      });
      row.addEventListener('dragend', function () {
        row.draggable = false;
        row.style.opacity = '';
        dragged = null;
        renumber(tbody);
      });
      row.addEventListener('dragover', function (event) {
        if (!dragged || dragged === row) {
          return;
        }
        event.preventDefault();
        var box = row.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        tbody.insertBefore(dragged, after ? row.nextSibling : row);
      });
      row.addEventListener('drop', function (event) { event.preventDefault(); });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('.inline-group[data-inline-type="tabular"]').forEach(function (group) {
      if (group.querySelector('input[name$="-order"]')) {
        makeSortable(group);
      }
    });
  });
}());
