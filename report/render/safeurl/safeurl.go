// Package safeurl decides, once for every renderer, which link targets a
// report may publish. The narrative is written by people, and a content/
// file copied from elsewhere can carry a javascript:, vbscript: or data:
// link; the HTML site and the PDF (where a link is an action a viewer
// runs) must drop the same ones, so both ask Allowed.
package safeurl

import (
	"strings"

	"github.com/yuin/goldmark/util"
)

// schemes are the URL schemes a published link may use: web pages and
// e-mail. Everything else (javascript:, vbscript:, data:, file:, and any
// scheme a viewer might hand to another program) is left out: an
// allow-list, because the list of dangerous schemes has no end.
var schemes = map[string]bool{"http": true, "https": true, "mailto": true}

// Allowed reports whether dest may be published as a link: a fragment
// ("#table-x"), a relative path ("activity.html"), or an absolute URL with
// an allowed scheme.
//
// It reads the scheme as browsers do (WHATWG URL standard): leading
// spaces and control characters are ignored, and so are tabs and line
// breaks anywhere, so "\tjava\nscript:" is javascript:. A colon after the
// first '/', '?' or '#' belongs to a path, not a scheme.
func Allowed(dest string) bool {
	clean := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, strings.TrimLeft(dest, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "))
	i := strings.IndexAny(clean, ":/?#")
	if i < 0 || clean[i] != ':' {
		return true
	}
	return schemes[strings.ToLower(clean[:i])]
}

// Destination is a Markdown link destination as CommonMark reads it, and
// as a browser receives it: backslash escapes and entity and numeric
// character references resolved ("&#x6A;avascript:" is "javascript:").
// Renderers check and publish this, never the raw text.
func Destination(raw []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(raw))))
}
