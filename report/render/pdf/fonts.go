package pdf

import (
	"github.com/go-fonts/dejavu/dejavusanscondensed"
	"github.com/go-fonts/dejavu/dejavusanscondensedbold"
	"github.com/go-fonts/dejavu/dejavusanscondensedboldoblique"
	"github.com/go-fonts/dejavu/dejavusanscondensedoblique"
	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gomono"
)

// Font families. The text face is DejaVu Sans Condensed and code is set in
// Go Mono; both come from Go modules as TTF bytes, so no font file is
// committed and none is looked up on the build machine. They are Unicode
// TrueType fonts (å ä ö é ü χ² α β ≤ ≥ ± ⁻³), and fpdf embeds the glyphs
// used, which an archival PDF needs: the standard 14 PDF fonts are neither
// embedded nor able to show most of those characters.
//
// DejaVu rather than the Go fonts for text: the Go fonts' hyphen is their
// minus sign, wider than their en dash, so "self-reported" read as
// "self–reported"; DejaVu has a true hyphen (narrower than its en dash,
// which is narrower than its minus), tabular digits for number columns,
// and every character the reports print. The condensed cut keeps tables
// of seven or eight columns on a portrait page.
const (
	sans = "dejavu"
	mono = "gomono"
)

// addFonts registers the five faces the renderer uses. Code is always set
// in the regular mono face: bold or italic code is rare enough not to
// justify three more embedded fonts.
func addFonts(f *fpdf.Fpdf) {
	f.AddUTF8FontFromBytes(sans, "", dejavusanscondensed.TTF)
	f.AddUTF8FontFromBytes(sans, "B", dejavusanscondensedbold.TTF)
	f.AddUTF8FontFromBytes(sans, "I", dejavusanscondensedoblique.TTF)
	f.AddUTF8FontFromBytes(sans, "BI", dejavusanscondensedboldoblique.TTF)
	f.AddUTF8FontFromBytes(mono, "", gomono.TTF)
}
