// Package templates holds the default page templates and stylesheet of the
// HTML report, embedded so the moocreport binary is self-contained.
//
// They are defaults: a study's own templates/ folder overrides them file by
// file, so a study that wants its own colours ships only style.css, and one
// that wants a different page shell ships only layout.html. A replacement
// must define the same templates as the file it replaces (see each file's
// header comment); the renderer in report/render/html owns the data they see.
//
// Files:
//
//	layout.html    the page shell: header, version switcher, navigation, footer
//	contents.html  a version's index.html: title, summary, table of contents
//	section.html   one page per report section
//	blocks.html    a numbered table, a numbered figure, a data table
//	versions.html  public/index.html, the list of every published version
//	style.css      screen and print styles, copied into every version folder
package templates

import "embed"

// FS holds the default templates and style.css.
//
//go:embed *.html *.css
var FS embed.FS
