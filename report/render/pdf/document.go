// Package pdf draws a report.Document as the archival PDF of one report
// version: title page, contents, numbered sections, tables and figures, with
// every font and the report's data files embedded so the file stands on its
// own for as long as archivists keep it.
//
// It draws what the Document holds and computes no statistic. Output is a
// pure function of its inputs: the same Document, Options and figure drawings
// give byte-identical PDFs.
package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/charts"
)

// Options configure Render. The zero value gives an A4 PDF without
// attachments whose figures show their text alternative instead of a chart.
type Options struct {
	// PageSize is "A4" (the default when empty) or "Letter".
	PageSize string
	// FigureDrawing draws a figure as vectors (charts.Vector, or a cache of
	// its results), which the PDF paints as paths and text. Render calls it
	// once per figure. When nil, each figure is drawn as a framed box
	// holding its Alt text, so the PDF still says what the chart showed.
	FigureDrawing func(*report.Figure) (*charts.Drawing, error)
	// Attachments travel inside the PDF as embedded files (measures.json,
	// manifest.json), in this order, so the numbers survive with it.
	Attachments []Attachment
	// AttachData also embeds, after Attachments, the CSV of every table and
	// of every figure's data, named <id>.csv with the same bytes as the
	// site's data/<id>.csv, and says under each table and figure which file
	// holds its numbers.
	AttachData bool
	// Keywords go into the document information dictionary, followed by
	// the study id; when empty, generic ones ("MOOC; learning analytics")
	// stand in.
	Keywords []string
	// Guess is the Layout an earlier render of this report returned
	// (RenderLayout), or nil. When the document still lays out as guessed,
	// Render lays it out once instead of twice; a wrong guess costs one
	// pass. The PDF is the same either way (TestGuessedLayoutSameBytes).
	Guess *Layout
	// Deflate compresses an attachment exactly as the package's Deflate
	// does, e.g. through a cache of its results, so that attachments that
	// did not change are not compressed again. Nil means Deflate.
	Deflate func([]byte) ([]byte, error)
	// FontMemo, when set, keeps what the PDF takes of its fonts between
	// renders: each font's metrics, parsed from its file, and what the PDF
	// embeds of it (the glyphs it uses, compressed, with their widths). It
	// returns what make returns for key, from an earlier render or by
	// calling make; a key names the font by family, style, length and
	// CRC-32 of its file, and lists the characters used. Nil makes them
	// every time; the PDF is the same either way (TestFontMemoSameBytes).
	FontMemo func(key string, make func() []byte) []byte
	// PageMemo, when set, keeps the pages' compressed contents between
	// renders: it returns what make returns (a page's content, compressed)
	// for key (the content itself), from an earlier render or by calling
	// make, and may be called for several pages at once. A narrative edit
	// changes a few pages of a report; the others are not compressed
	// again. Nil compresses every page; the PDF is the same either way
	// (TestPageMemoSameBytes).
	PageMemo func(key string, make func() []byte) []byte
}

// Layout is where a document's pages fall, as its contents page and
// footers print it: the page each section starts on, and the page count.
type Layout struct {
	Sections []int
	Pages    int

	passes int // layout passes the render took, for tests
}

// Attachment is a file embedded in the PDF.
type Attachment struct {
	Name        string
	Description string
	Data        []byte
}

// Render writes doc as a PDF to w.
//
// fpdf writes pages in one forward pass, so the contents cannot know where
// sections will fall. Render therefore lays the document out twice: the
// contents page has the same height whatever numbers it shows, so the first
// pass fixes every section's page and the second prints them. A third pass
// is only a guard; if page numbers still moved, Render fails rather than
// print a wrong contents page. The first pass is only measured, never
// written out; with a right Options.Guess it is not needed at all.
func Render(w io.Writer, doc *report.Document, opt Options) error {
	_, err := RenderLayout(w, doc, opt)
	return err
}

// RenderLayout is Render, returning the Layout found, which a later render
// of the same report can take as its Options.Guess.
func RenderLayout(w io.Writer, doc *report.Document, opt Options) (Layout, error) {
	if doc == nil {
		return Layout{}, errors.New("pdf: nil document")
	}
	return renderPasses(w, doc, opt, (*renderer).render)
}

// RenderAppendix writes the paper appendix of doc as a PDF to w: a title
// page, then only the numbered tables and figures, under the headings of
// the sections they belong to and with the numbers they have in the report,
// so an author can cite "Table 3" of either file.
func RenderAppendix(w io.Writer, doc *report.Document, opt Options) error {
	if doc == nil {
		return errors.New("pdf: nil document")
	}
	_, err := renderPasses(w, doc, opt, (*renderer).renderFloats)
	return err
}

// renderPasses runs pass until the page numbers it reports settle, then
// writes the last pass's PDF with the attachments added.
//
// The attachments are made and compressed meanwhile, on another core when
// there is one: they do not depend on the layout, and compressing them is
// a tenth of a rebuild's PDF.
func renderPasses(w io.Writer, doc *report.Document, opt Options, pass func(*renderer) (layout, error)) (Layout, error) {
	att := startAttachments(doc, opt)
	r, err := settle(doc, opt, pass)
	files, packed, aerr := att.wait()
	if err != nil {
		return Layout{}, err
	}
	if aerr != nil {
		return Layout{}, aerr
	}
	var buf bytes.Buffer
	if err := r.pdf.Output(&buf); err != nil {
		return Layout{}, fmt.Errorf("pdf: %w", err)
	}
	out, err := appendAttachments(buf.Bytes(), files, packed, built(doc))
	if err != nil {
		return Layout{}, err
	}
	if _, err = w.Write(out); err != nil {
		return Layout{}, err
	}
	return Layout{Sections: slices.Clone(r.prev.sections), Pages: r.prev.pages, passes: r.pass}, nil
}

// settle lays doc out until the page numbers a pass reports equal those
// of the pass before (or the guessed ones), and returns that last pass.
//
// A guess gives the same PDF as no guess because a layout never depends on
// the numbers the pass prints (the contents page and the footers take the
// same room whatever they say): the first pass of a render without a guess
// finds the one layout there is, and a guess is taken only when a pass
// printing it finds it again.
func settle(doc *report.Document, opt Options, pass func(*renderer) (layout, error)) (*renderer, error) {
	size, err := pageSize(opt.PageSize)
	if err != nil {
		return nil, err
	}
	if err := checkIDs(doc); err != nil {
		return nil, err
	}
	figs := &figureCache{draw: opt.FigureDrawing, drawn: map[*report.Figure]*charts.Drawing{}}
	var prev *layout
	passes := 3
	if g := opt.Guess; g != nil {
		prev = &layout{sections: slices.Clone(g.Sections), pages: g.Pages}
		passes++
	}
	for n := range passes {
		r := newRenderer(doc, opt, size, prev, figs)
		r.pass = n + 1
		lay, err := pass(r)
		if err != nil {
			return nil, err
		}
		if prev != nil && lay.equal(*prev) {
			return r, nil
		}
		prev = &lay
	}
	return nil, fmt.Errorf("pdf: section page numbers did not settle after %d layout passes", passes)
}

// pageSize maps Options.PageSize to fpdf's size name.
func pageSize(s string) (string, error) {
	switch strings.ToLower(s) {
	case "", "a4":
		return "A4", nil
	case "letter":
		return "Letter", nil
	}
	return "", fmt.Errorf("pdf: page size %q: want \"A4\" or \"Letter\"", s)
}

// layout is what one pass learns that the next pass prints: the page each
// section starts on and the page count.
type layout struct {
	sections []int
	pages    int
}

func (l layout) equal(o layout) bool {
	return l.pages == o.pages && slices.Equal(l.sections, o.sections)
}

// Page geometry in millimetres, and the type scale in points: one step
// between levels (part 18, section 16, then the narrative's headings 13,
// 11.5 and 10.5), body 9.5 on a 12.75-point line, captions 9, tables and
// notes 8 — the proportions of a journal's supplement.
const (
	margin       = 20.0
	headerY      = 10.0
	footerY      = -12.0
	partSize     = 18.0
	sectionSize  = 16.0
	sectionLead  = 7.5
	bodySize     = 9.5
	bodyLeading  = 4.5
	smallSize    = 8.0
	smallLeading = 3.8
	blockGap     = 3.0
)

// renderer is one layout pass over a Document.
type renderer struct {
	pdf  *fpdf.Fpdf
	doc  *report.Document
	opt  Options
	prev *layout // nil on the first pass
	figs *figureCache

	sectionPages []int
	tocLinks     []int
	// numbers holds each table's and figure's number, fixed before drawing
	// (see floats).
	numbers map[any]Float
	// anchors holds the internal link to every table and figure, by the
	// fragment cross-references name it with ("figure-<id>"). All are made
	// up front, since a reference may come before or after its float;
	// markFloat sets where each goes. Links belong to one fpdf document, so
	// each pass makes its own.
	anchors map[string]int
	// appendixFrom is the index of the first section set as a lettered
	// appendix; len(doc.Sections) when there are none.
	appendixFrom int
	// level is the outline level of the last bookmark, so a heading's
	// bookmark never skips a level (fpdf would attach it to the wrong
	// parent).
	level int
	// floatsOnly is set by RenderAppendix's pass, which bookmarks every
	// table and figure.
	floatsOnly bool
	// sectionLevel is the outline level of the section being drawn.
	sectionLevel int
	// placed records where each table and figure fell, for CheckLayout.
	placed []placement
	// size is fpdf's name of the page size; landscape says the current
	// page is turned, for a wide table (see orient).
	size      string
	landscape bool
	// pass counts the layout passes of this render, 1 for the first.
	pass int
	// chartFont is set once the charts' font is registered (drawChart).
	chartFont bool
}

func newRenderer(doc *report.Document, opt Options, size string, prev *layout, figs *figureCache) *renderer {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: size})
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(true, margin)
	f.SetCellMargin(0)
	f.SetCompression(true)
	f.SetCatalogSort(true)
	if opt.FontMemo != nil {
		f.SetFontMemo(opt.FontMemo)
	}
	if opt.PageMemo != nil {
		f.SetPageMemo(opt.PageMemo)
	}
	addFonts(f)
	r := &renderer{pdf: f, doc: doc, opt: opt, prev: prev, figs: figs, numbers: map[any]Float{}, anchors: map[string]int{}, size: size}
	for _, fl := range Floats(doc) {
		if fl.Table != nil {
			r.numbers[fl.Table] = fl
		} else {
			r.numbers[fl.Figure] = fl
		}
		r.anchors[fl.Fragment()] = f.AddLink()
	}
	r.appendixFrom = appendixStart(doc.Sections)
	return r
}

func (r *renderer) render() (layout, error) {
	r.metadata()
	r.pdf.SetHeaderFunc(r.header)
	r.pdf.SetFooterFunc(r.footer)
	r.titlePage()
	r.contents()
	for i, s := range r.doc.Sections {
		r.section(i, s)
		if err := r.pdf.Error(); err != nil {
			return layout{}, fmt.Errorf("pdf: section %q: %w", s.ID, err)
		}
	}
	r.close()
	if err := r.pdf.Error(); err != nil {
		return layout{}, fmt.Errorf("pdf: %w", err)
	}
	return layout{sections: r.sectionPages, pages: r.pdf.PageCount()}, nil
}

// close ends the last page and writes the document out, but not on a
// first pass, which is only measured: the page count already includes the
// last page, and footers, the only thing Close adds to it, never break a
// page.
func (r *renderer) close() {
	if r.prev != nil {
		r.pdf.Close()
	}
}

// metadata fills the document information dictionary. Dates come from doc.Built, never the clock, so a rebuild is
// byte-identical.
func (r *renderer) metadata() {
	f, d := r.pdf, r.doc
	if d.Draft {
		f.SetTitle("Draft: "+d.Title, true)
	} else {
		f.SetTitle(d.Title, true)
	}
	f.SetAuthor(strings.Join(d.Authors, "; "), true)
	f.SetSubject(d.Subtitle, true)
	f.SetKeywords(keywords(r.opt.Keywords, d.StudyID), true)
	f.SetCreator(d.Tool, true)
	f.SetProducer(strings.TrimSpace(d.Tool+" with go-pdf/fpdf"), true)
	f.SetCreationDate(built(d))
	f.SetModificationDate(built(d))
}

// keywords is the metadata's keyword list: the study's own, or generic
// ones, then the study id so a catalogue search by id finds the file.
func keywords(kw []string, studyID string) string {
	if len(kw) == 0 {
		kw = []string{"MOOC", "learning analytics"}
	}
	if studyID != "" {
		kw = append(slices.Clip(kw), studyID)
	}
	return strings.Join(kw, "; ")
}

// built is the document's date for metadata: doc.Built, or the epoch when
// unset, since fpdf reads a zero time as "now" and output must not depend
// on the clock.
func built(d *report.Document) time.Time {
	if d.Built.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return d.Built.UTC()
}

// font sets the Go font in the given fpdf style ("", "B", "I", "BI").
func (r *renderer) font(style string, size float64) { r.pdf.SetFont(sans, style, size) }

// bottom is the y below which body content must not go.
func (r *renderer) bottom() float64 {
	_, h := r.pdf.GetPageSize()
	return h - margin
}

// remaining is the height left on the current page.
func (r *renderer) remaining() float64 { return r.bottom() - r.pdf.GetY() }

// full is the height a fresh page offers.
func (r *renderer) full() float64 { return r.bottom() - margin }

// textWidth is the width between the current left margin and the right one.
func (r *renderer) textWidth() float64 {
	w, _ := r.pdf.GetPageSize()
	l, _, rm, _ := r.pdf.GetMargins()
	return w - l - rm
}

// pageWidth is the width between the page margins, ignoring indents.
func (r *renderer) pageWidth() float64 {
	w, _ := r.pdf.GetPageSize()
	return w - 2*margin
}

// atTop reports whether nothing has been drawn yet on the current page, so
// a page break would gain nothing.
func (r *renderer) atTop() bool { return r.remaining() >= r.full()-0.01 }

// Where sections start: a section runs on after the one before it, below
// a gap, when at least sectionRoom of a page is left; otherwise, and for
// the first section, the first appendix and a section whose narrative
// leads to a landscape table, on a new page. A report of
// this length reads as an article: starting every section on a fresh page
// left pages two-thirds empty.
const (
	sectionRoom = 1.0 / 3
	sectionGap  = 10.0
)

// section starts a numbered section (see sectionRoom for where): its
// heading, bookmark and the target of its contents link. The first
// lettered appendix is preceded by an "Appendices" heading and bookmark,
// which the appendices nest under.
func (r *renderer) section(i int, s report.Section) {
	f := r.pdf
	if i == 0 || i == r.appendixFrom || r.landscape || r.remaining() < sectionRoom*r.full() || r.opensWithWideTable(s) || !r.openingFits(s) {
		r.landscape = false
		f.AddPage()
	} else {
		f.Ln(sectionGap)
	}
	r.sectionPages = append(r.sectionPages, f.PageNo())
	if r.tocLinks != nil {
		f.SetLink(r.tocLinks[i], f.GetY(), f.PageNo())
	}
	level := 0
	if i >= r.appendixFrom {
		level = 1
		if i == r.appendixFrom {
			r.font("B", partSize)
			r.bookmark(appendicesTitle, 0)
			f.MultiCell(0, sectionLead+1, appendicesTitle, "", "L", false)
			f.Ln(3)
		}
	}
	title := r.sectionTitle(i, s)
	r.font("B", sectionSize)
	r.bookmark(title, level)
	r.sectionLevel = level
	f.MultiCell(0, sectionLead, title, "", "L", false)
	f.Ln(4)
	r.blocks(s.Blocks)
}

// blocks draws a section's blocks in order, but for one liberty a
// typesetter takes with floats: a figure that must wait for the next page
// lets the tables after it that fit whole in the space left go first, so
// the page is not left two-thirds empty. Numbers follow the order of the
// document, not of the page, so they do not change.
func (r *renderer) blocks(bs []report.Block) {
	for i := 0; i < len(bs); i++ {
		b := bs[i]
		if b.Figure != nil && !r.landscape && !r.figureFits(b.Figure) {
			for i+1 < len(bs) && bs[i+1].Table != nil && r.tableFitsHere(bs[i+1].Table) {
				i++
				r.table(bs[i].Table)
				r.pdf.SetX(margin)
			}
		}
		r.orient(b.Table != nil && r.wide(b.Table))
		switch {
		case b.Table != nil:
			r.table(b.Table)
		case b.Figure != nil:
			r.figure(b.Figure)
		default:
			r.markdown(b.Markdown)
		}
		r.pdf.SetX(margin)
	}
}

// openingFits reports whether a section's heading, the narrative it opens
// with and the figure that narrative leads to ("the figure below shows…")
// fit in what is left of the page, so a section does not start at the foot
// of a page whose next page holds its first figure. The narrative's height
// is estimated from its text in the body face.
func (r *renderer) openingFits(s report.Section) bool {
	need := sectionGap + 2*sectionLead + 4
	for _, b := range s.Blocks {
		switch {
		case b.Figure != nil:
			fb, ok := r.measureFigure(b.Figure)
			if !ok {
				return true
			}
			need += min(fb.img, r.full()-fb.capH) + fb.capH
			return need <= r.remaining() || need > r.full()
		case b.Table != nil:
			return true
		default:
			r.font("", bodySize)
			for _, para := range strings.Split(b.Markdown, "\n\n") {
				if t := strings.TrimSpace(para); t != "" {
					need += float64(len(splitText(r.pdf, keepTogether(strings.Join(strings.Fields(t), " ")), r.textWidth())))*bodyLeading + 2
				}
			}
		}
	}
	return true
}

// opensWithWideTable reports whether s is narrative leading to a table set
// on landscape pages (the comparisons): such a section starts on a page of
// its own, so its narrative is not cut a few lines before the turn.
func (r *renderer) opensWithWideTable(s report.Section) bool {
	for _, b := range s.Blocks {
		switch {
		case b.Table != nil:
			return r.wide(b.Table)
		case b.Figure != nil:
			return false
		}
	}
	return false
}

// newPage starts a page turned as the current one is: fpdf's AddPage
// would turn a landscape run of pages back to portrait.
func (r *renderer) newPage() {
	o := "P"
	if r.landscape {
		o = "L"
	}
	r.pdf.AddPageFormat(o, r.pdf.GetPageSizeStr(r.size))
}

// orient turns the page for what comes next: a wide table starts a run of
// landscape pages, which consecutive wide tables share, and anything else
// after it starts a portrait page again.
func (r *renderer) orient(landscape bool) {
	if landscape != r.landscape {
		r.landscape = landscape
		r.newPage()
	}
}

// bookmark adds an outline entry at the current position, at most one
// level below the entry before it.
func (r *renderer) bookmark(title string, level int) {
	level = max(0, min(level, r.level+1))
	r.pdf.Bookmark(title, level, -1)
	r.level = level
}

// sectionTitle is the numbered title shown in the heading, contents and
// outline alike, e.g. "2 Activity", or "B Data quality" for an appendix.
func (r *renderer) sectionTitle(i int, s report.Section) string {
	return r.sectionNumber(i) + " " + s.Title
}

// sectionNumber is "2" for the second section, or the appendix letter.
func (r *renderer) sectionNumber(i int) string {
	if i >= r.appendixFrom {
		return appendixLetter(i - r.appendixFrom)
	}
	return fmt.Sprint(i + 1)
}

// fit shortens s with an ellipsis until it is at most w wide in the current
// font, for single-line places such as the running header.
func (r *renderer) fit(s string, w float64) string {
	if r.pdf.GetStringWidth(s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 0 && r.pdf.GetStringWidth(string(rs)+"…") > w {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimSpace(string(rs)) + "…"
}
