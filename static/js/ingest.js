// Ingesting a news report (admin): the paste page fills its fields from the report's header; the
// review page ties each proposal item to its highlighted words in the text, and back.
(function () {
  "use strict";

  // The start page -------------------------------------------------------------------------------

  // The same header the server reads: a first token "date YYYY-MM-DD", lines "Title:", "Outlet:", "URL:".
  var HEADER_DATE = /^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b/i;
  var HEADER_FIELD = /^[ \t]*(title|outlet|url|date)[ \t]*:[ \t]*(.*?)[ \t]*$/i;

  function readHeader(text) {
    var found = {};
    var lines = text.replace(/^\ufeff/, "").split(/\r?\n/);
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (!line.trim()) continue;
      var field = HEADER_FIELD.exec(line);
      if (field) {
        found[field[1].toLowerCase()] = field[2];
        continue;
      }
      var date = HEADER_DATE.exec(line);
      if (date) {
        found.date = date[1];
        if (line.slice(date[0].length).trim()) break;
        continue;
      }
      break;
    }
    return found;
  }

  function fillEmpty(id, value) {
    var input = document.getElementById(id);
    if (input && value && !input.value) input.value = value;
  }

  function outletKnown(name) {
    var select = document.getElementById("id_source");
    if (!select || !name) return false;
    var wanted = name.trim().toLowerCase();
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].text.trim().toLowerCase() === wanted) {
        if (!select.value) select.value = select.options[i].value;
        return true;
      }
    }
    return false;
  }

  function initStart(form) {
    var text = form.querySelector("#id_text");
    if (!text) return;
    function prefill() {
      var header = readHeader(text.value);
      fillEmpty("id_published_on", header.date);
      fillEmpty("id_title", header.title);
      fillEmpty("id_url", header.url);
      if (header.outlet && !outletKnown(header.outlet)) fillEmpty("id_source_name", header.outlet);
    }
    text.addEventListener("input", prefill);
    // Text pasted before this script ran, or kept by the browser on going back.
    prefill();
  }

  // The review page ------------------------------------------------------------------------------

  function readJSON(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : {};
  }

  function initReview(form) {
    var report = document.getElementById("report-text");
    var status = document.getElementById("ingest-status");
    var labels = readJSON("ingest-items");
    var current = { item: null, index: -1 };

    function marksOf(item) {
      return report.querySelectorAll('mark[data-items~="' + CSS.escape(item) + '"]');
    }

    function clear() {
      document.querySelectorAll(".is-active").forEach(function (node) {
        node.classList.remove("is-active");
      });
    }

    // Each mention of an item starts at a mark naming it in data-starts; repeated clicks step through them.
    function mentionsOf(item) {
      var starts = report.querySelectorAll('mark[data-starts~="' + CSS.escape(item) + '"]');
      return starts.length ? starts : marksOf(item);
    }

    function show(item) {
      var marks = mentionsOf(item);
      clear();
      if (!marks.length) return;
      current.index = current.item === item ? (current.index + 1) % marks.length : 0;
      current.item = item;
      marksOf(item).forEach(function (mark) {
        mark.classList.add("is-active");
      });
      document.querySelectorAll('.ingest-item[data-item="' + CSS.escape(item) + '"]').forEach(function (row) {
        row.classList.add("is-active");
      });
      var mark = marks[current.index];
      mark.classList.add("is-current");
      report.querySelectorAll(".is-current").forEach(function (other) {
        if (other !== mark) other.classList.remove("is-current");
      });
      var top = mark.offsetTop - report.clientHeight / 3;
      report.scrollTo({ top: Math.max(top, 0), behavior: "smooth" });
      status.textContent =
        (labels[item] || item) + " — mention " + (current.index + 1) + " of " + marks.length;
    }

    document.querySelectorAll(".ingest-find").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        show(link.dataset.item);
      });
    });

    report.addEventListener("click", function (event) {
      var mark = event.target.closest("mark[data-items]");
      if (!mark) return;
      var items = mark.dataset.items.split(" ");
      var row = null;
      for (var i = 0; i < items.length && !row; i++) {
        row = document.querySelector('.ingest-item[data-item="' + CSS.escape(items[i]) + '"]');
      }
      show(items[0]);
      if (row) {
        row.classList.add("is-active");
        row.scrollIntoView({ block: "nearest", behavior: "smooth" });
      }
      status.textContent = items
        .map(function (item) {
          return labels[item] || item;
        })
        .join("; ");
    });

    // A row whose "Keep" is unticked is greyed: it will not be saved.
    function markKept(box) {
      var item = box.closest(".ingest-item");
      if (item) item.classList.toggle("is-discarded", !box.checked);
    }
    form.querySelectorAll('input[name$="-include"]').forEach(markKept);
    form.addEventListener("change", function (event) {
      if (event.target.matches('input[name$="-include"]')) markKept(event.target);
    });

    form.querySelectorAll("button.ingest-add").forEach(function (button) {
      initAdding(form, button, status);
    });

    var subEvents = readJSON("ingest-subevents");
    var eventType = document.getElementById("id_incident-event_type");
    var subEvent = document.getElementById("id_incident-sub_event_type");
    if (eventType && subEvent) {
      var limit = function () {
        var allowed = subEvents[eventType.value] || [];
        Array.prototype.forEach.call(subEvent.options, function (option) {
          option.hidden = option.value !== "" && allowed.indexOf(option.value) < 0;
        });
        if (subEvent.selectedOptions.length && subEvent.selectedOptions[0].hidden) subEvent.value = "";
      };
      eventType.addEventListener("change", limit);
      limit();
    }
  }

  // Rows staff add: a copy of the kind's blank row (the formset's empty form), numbered after the
  // rows the page holds. The server decides each row's key from its number, as the copy does here.
  function renumber(node, index) {
    [node].concat(Array.prototype.slice.call(node.querySelectorAll("*"))).forEach(function (element) {
      Array.prototype.forEach.call(element.attributes, function (attribute) {
        if (attribute.value.indexOf("__prefix__") >= 0) {
          element.setAttribute(attribute.name, attribute.value.split("__prefix__").join(String(index)));
        }
      });
    });
  }

  function offer(kind, key, label) {
    var template = "select[data-keys=\"" + kind + "\"]";
    var selects = Array.prototype.slice.call(document.querySelectorAll(template));
    document.querySelectorAll("template").forEach(function (blank) {
      selects = selects.concat(Array.prototype.slice.call(blank.content.querySelectorAll(template)));
    });
    selects.forEach(function (select) {
      select.appendChild(new Option(label, key));
    });
  }

  function initAdding(form, button, status) {
    var prefix = button.dataset.formset;
    var template = document.getElementById("ingest-" + prefix + "-blank");
    var rows = document.getElementById("ingest-" + prefix + "-rows");
    var field = function (name) {
      return form.querySelector('input[name="' + prefix + "-" + name + '"]');
    };
    var total = field("TOTAL_FORMS");
    if (!template || !rows || !total) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      if (index >= parseInt(field("MAX_NUM_FORMS").value, 10)) {
        status.textContent = "No more rows can be added here: confirm, then add the rest in the admin.";
        return;
      }
      var label = "new " + button.dataset.noun + " " + (index - parseInt(field("INITIAL_FORMS").value, 10) + 1);
      var row = template.content.firstElementChild.cloneNode(true);
      renumber(row, index);
      row.querySelector(".ingest-added-label").textContent = label.charAt(0).toUpperCase() + label.slice(1);
      rows.appendChild(row);
      total.value = String(index + 1);
      // The admin's autocomplete (select2) sets itself up on the rows this event names.
      row.dispatchEvent(new CustomEvent("formset:added", { bubbles: true, detail: { formsetName: prefix } }));
      offer(prefix, button.dataset.letter + index, label);
      var first = row.querySelector(".ingest-grid input:not([type=hidden]), .ingest-grid select, .ingest-grid textarea");
      if (first) first.focus();
      status.textContent = label.charAt(0).toUpperCase() + label.slice(1) + " added below the others.";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var start = document.getElementById("ingest-start-form");
    if (start) initStart(start);
    var review = document.getElementById("ingest-review-form");
    if (review) initReview(review);
  });
})();
