package pdf

import (
	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"
)

// Font families. The Go fonts come from golang.org/x/image as TTF bytes, so
// no font file is committed and none is looked up on the build machine. They
// are Unicode TrueType fonts (å ä ö é ü χ² α β ≤ ≥ ±), and fpdf embeds the
// glyphs used, which an archival PDF needs: the standard 14 PDF fonts are
// neither embedded nor able to show most of those characters.
const (
	sans = "go"
	mono = "gomono"
)

// addFonts registers the five faces the renderer uses. Code is always set
// in the regular mono face: bold or italic code is rare enough not to
// justify three more embedded fonts.
func addFonts(f *fpdf.Fpdf) {
	f.AddUTF8FontFromBytes(sans, "", goregular.TTF)
	f.AddUTF8FontFromBytes(sans, "B", gobold.TTF)
	f.AddUTF8FontFromBytes(sans, "I", goitalic.TTF)
	f.AddUTF8FontFromBytes(sans, "BI", gobolditalic.TTF)
	f.AddUTF8FontFromBytes(mono, "", gomono.TTF)
}
