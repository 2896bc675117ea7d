package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/render/pdf"
	"github.com/moocreport/moocreport/report/study"
)

// What the renderers keep in the Cache besides charts (Cache.Figure): the
// PDF's last layout, a guess the PDF renderer checks before it uses it,
// and the compressed form of large PDF attachments.

// layoutKey keys the PDF layout of a study's report or draft: the last one
// of the study folder, whatever its content, since a guess is checked.
func layoutKey(s *study.Study, doc *report.Document) string {
	sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00pdf-layout\x00%s\x00%s\x00%t", program(), s.Dir, s.ID, doc.Draft))
	return hex.EncodeToString(sum[:])
}

// layout is the PDF layout stored under key, or nil.
func (c *Cache) layout(key string) *pdf.Layout {
	if c == nil {
		return nil
	}
	var l pdf.Layout
	if !c.read("layout", key, &l) {
		return nil
	}
	return &l
}

// storeLayout keeps the layout found, unless it is the one guessed.
func (c *Cache) storeLayout(key string, guess *pdf.Layout, found pdf.Layout) {
	if c == nil || (guess != nil && guess.Pages == found.Pages && slices.Equal(guess.Sections, found.Sections)) {
		return
	}
	c.write("layout", key, found)
}

// deflateMin is the size from which an attachment's compressed form is
// cached: below it, compressing costs less than a cache entry.
const deflateMin = 64 << 10

// deflate is pdf.Deflate through the cache, by the attachment's content:
// measures.json, the largest attachment, is the same after an edit to the
// narrative.
func (c *Cache) deflate() func([]byte) ([]byte, error) {
	if c == nil {
		return nil
	}
	return func(b []byte) ([]byte, error) {
		if len(b) < deflateMin {
			return pdf.Deflate(b)
		}
		h := sha256.New()
		fmt.Fprintf(h, "%s\x00deflate\x00", program())
		h.Write(b)
		key := hex.EncodeToString(h.Sum(nil))
		var z []byte
		if c.read("deflate", key, &z) {
			return z, nil
		}
		z, err := pdf.Deflate(b)
		if err == nil {
			c.write("deflate", key, z)
		}
		return z, err
	}
}
