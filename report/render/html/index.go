package html

import (
	"bytes"
	"fmt"
	"html/template"
	"io"

	"github.com/moocreport/moocreport/templates"
)

// RenderIndex writes public/index.html: every version (version, date,
// summary) in the order given, newest first, each linking to
// <version>/index.html, and a link to latest/index.html.
//
// The page inlines the default stylesheet instead of linking one: public/
// has no stylesheet of its own, and borrowing latest/style.css would tie
// the index to whichever version is newest. It uses only the embedded
// templates; a study's overrides style its versions, not the list of them.
func RenderIndex(w io.Writer, title string, versions []Version) error {
	var rows []versionLink
	for _, v := range versions {
		if !safeName.MatchString(v.Version) {
			return fmt.Errorf("html: version %q cannot be a folder name", v.Version)
		}
		rows = append(rows, versionLink{Version: v.Version, Date: v.Date, Summary: v.Summary, Href: v.Version + "/index.html"})
	}
	src, err := templates.FS.ReadFile("versions.html")
	if err != nil {
		return err
	}
	css, err := templates.FS.ReadFile("style.css")
	if err != nil {
		return err
	}
	t, err := template.New("versions.html").Funcs(funcs).Parse(string(src))
	if err != nil {
		return fmt.Errorf("html: template versions.html: %w", err)
	}
	var buf bytes.Buffer
	err = t.ExecuteTemplate(&buf, "versions", struct {
		Title    string
		Versions []versionLink
		// CSS is the embedded default stylesheet, ours and trusted.
		CSS template.CSS
	}{title, rows, template.CSS(css)})
	if err != nil {
		return fmt.Errorf("html: versions index: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}
