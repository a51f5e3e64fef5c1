// pawprint's part of the content editor, loaded after decap-cms.js.
//
// 1. It asks `pawprint serve` whether it is there (POST {"action": "info"} to
//    the editor's API). When it answers as the local backend, the editor saves
//    into the project through it; otherwise it uses config.yml's own backend.
// 2. It draws the preview beside the form like the article page, and, with
//    `pawprint serve`, the printed sheet and whether it fits on one page.
(function () {
  "use strict";
  var SITE = /*PAWPRINT*/;
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var local = false;

  // A value of the entry as plain data: text, a list, or nothing.
  function get(data, path) {
    var value = data.getIn(path);
    return value && value.toJS ? value.toJS() : value;
  }

  // A date as pawprint writes it, 2026-11-20: Decap reads a TOML date as a Date
  // and a date it wrote as text.
  function day(value) {
    if (value instanceof Date && !isNaN(value)) {
      return value.toISOString().slice(0, 10);
    }
    return value == null ? "" : String(value);
  }

  function items(data, path) {
    var value = get(data, path);
    return Array.isArray(value) ? value.filter(function (item) { return item; }) : [];
  }

  function list(className, heading, entries) {
    if (!entries.length) {
      return null;
    }
    return h("section", { className: className },
      h("h2", null, heading),
      h("ul", null, entries.map(function (entry, i) { return h("li", { key: i }, entry); })));
  }

  // The article as TOML front matter and Markdown, as the file will be saved,
  // for the sheet's preview.
  function toml(value) {
    if (Array.isArray(value)) {
      return "[" + value.map(toml).join(", ") + "]";
    }
    if (typeof value === "boolean") {
      return value ? "true" : "false";
    }
    return JSON.stringify(value == null ? "" : String(value));
  }

  function fileText(data) {
    var lines = ["+++"];
    var put = function (key, value) {
      if (value === undefined || value === null || value === "") {
        return;
      }
      if (key === "updated" && /^\d{4}-\d{2}-\d{2}$/.test(day(value))) {
        lines.push(key + " = " + day(value));
      } else {
        lines.push(key + " = " + toml(value));
      }
    };
    ["title", "summary", "slug", "translation_of"].forEach(function (key) { put(key, get(data, [key])); });
    put("species", items(data, ["species"]));
    put("updated", get(data, ["updated"]));
    put("reviewed_by", get(data, ["reviewed_by"]));
    put("tags", items(data, ["tags"]));
    put("draft", get(data, ["draft"]));
    items(data, ["sources"]).forEach(function (source) {
      lines.push("", "[[sources]]");
      put("title", source.title);
      put("url", source.url);
    });
    lines.push("", "[handout]");
    put("intro", get(data, ["handout", "intro"]));
    ["signs", "prevention", "call_us_if", "fill_in"].forEach(function (key) {
      put(key, items(data, ["handout", key]));
    });
    put("picture", get(data, ["handout", "picture"]));
    put("picture_alt", get(data, ["handout", "picture_alt"]));
    lines.push("+++");
    return lines.join("\n") + "\n" + (get(data, ["body"]) || "");
  }

  // The sheet as `pawprint serve` paints it, asked for a moment after the last
  // change; on any failure, nothing is shown but the article.
  var Sheet = createClass({
    getInitialState: function () {
      return { answer: null };
    },
    componentDidMount: function () {
      this.ask();
    },
    componentDidUpdate: function () {
      this.ask();
    },
    componentWillUnmount: function () {
      clearTimeout(this.timer);
      this.gone = true;
    },
    ask: function () {
      var raw = this.props.raw;
      if (raw === this.raw) {
        return;
      }
      this.raw = raw;
      clearTimeout(this.timer);
      var self = this;
      this.timer = setTimeout(function () {
        fetch(SITE.api, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ action: "sheetPreview", params: { path: self.props.path, raw: raw } })
        })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (answer) {
            var good = answer && typeof answer.fits === "boolean";
            if (!self.gone && self.raw === raw) {
              self.setState({ answer: good ? answer : null });
            }
          })
          .catch(function () {
            if (!self.gone) {
              self.setState({ answer: null });
            }
          });
      }, 700);
    },
    render: function () {
      var answer = this.state.answer;
      if (!answer) {
        return null;
      }
      var words = SITE.words;
      var note = answer.fits ? words.sheet_fits : words.sheet_too_long;
      return h("section", { className: "handout-box" },
        h("h2", null, words.sheet_heading),
        h("p", { role: "status" }, answer.fits || !answer.message ? note : note + " " + answer.message),
        typeof answer.svg === "string" ? h("img", {
          alt: words.sheet_picture,
          style: { display: "block", width: "100%", maxWidth: "42rem", height: "auto", border: "1px solid #8a959e", background: "#fff" },
          src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(answer.svg)
        }) : null);
    }
  });

  // The preview of one collection's articles: the article page's parts, in its order.
  function preview(collection) {
    return createClass({
      render: function () {
        var data = this.props.entry.get("data");
        var words = SITE.words;
        var slug = this.props.entry.get("slug") || "new-article";
        var path = this.props.entry.get("path") || SITE.collections[collection] + "/" + slug + ".md";
        var reviewed = get(data, ["reviewed_by"]);
        return h("article", { className: "article", style: { padding: "0 1.25rem 2rem" } },
          h("header", { className: "article-header" },
            get(data, ["draft"]) ? h("div", { className: "draft-badge" }, words.draft) : null,
            h("h1", null, get(data, ["title"])),
            h("p", { className: "lead" }, get(data, ["summary"])),
            h("p", { className: "meta" }, words.updated + " " + day(get(data, ["updated"])) +
              (reviewed ? ". " + words.reviewed_by + " " + reviewed : "") + ".")),
          list("call-us", words.call_us_if, items(data, ["handout", "call_us_if"])),
          list("checklist", words.signs, items(data, ["handout", "signs"])),
          h("div", { className: "article-body" }, this.props.widgetFor("body")),
          list("prevention", words.prevention, items(data, ["handout", "prevention"])),
          list("sources", words.sources, items(data, ["sources"]).map(function (source) {
            return source.title || source.url;
          })),
          local ? h(Sheet, { path: path, raw: fileText(data) }) : null);
      }
    });
  }

  function register() {
    Object.keys(SITE.collections).forEach(function (name) {
      CMS.registerPreviewTemplate(name, preview(name));
    });
    SITE.styles.forEach(function (style) {
      CMS.registerPreviewStyle(style);
    });
  }

  register();
  fetch(SITE.api, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ action: "info", params: { branch: "main" } })
  })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (answer) { return Boolean(answer && answer.type === "local_fs"); })
    .catch(function () { return false; })
    .then(function (isLocal) {
      local = isLocal;
      if (isLocal) {
        CMS.init({ config: { backend: { name: "proxy", proxy_url: SITE.api, branch: "main" } } });
      } else {
        CMS.init();
      }
    });
})();
