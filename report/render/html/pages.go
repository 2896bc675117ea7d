package html

import (
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/tabular"
)

// site is everything one Render writes, figures already drawn, prepared
// before any file is touched so that a bad id or a figure that cannot be
// drawn fails the build without leaving half a site.
type site struct {
	pages []*page
	svgs  []svgFile // in order of appearance
	csvs  []csvFile
}

type svgFile struct {
	path string // "figures/<id>.svg"
	svg  []byte
}

type csvFile struct {
	path  string // "data/<id>.csv"
	table *report.Table
}

// page is what the templates see. Every field is data for display; the
// templates make no decisions beyond presence.
type page struct {
	File     string // "index.html" or "<section-id>.html"
	Doc      *report.Document
	Built    string // "2 January 2006"
	BuiltISO string // "2006-01-02", for <time datetime>
	Summary  string // this version's summary from Options.Versions
	Pages    []link // the contents page, then every section
	Prev     *link
	Next     *link
	Versions []versionLink
	PDF      string
	Manifest string
	Measures string
	// Section is the page's section; nil on the landing page.
	Section *sectionView
	// Lead is the executive summary (the section with id leadID) that
	// opens the landing page; nil on other pages and when there is none.
	Lead *sectionView
	// Sections and the counts describe the whole report, for the contents.
	Sections []*sectionView
	// NumSections counts the sections, the summary among them.
	NumSections int
	NumFigures  int
	NumTables   int
}

// link is a page in the sidebar and the pager. Number is the section's
// number from report.SectionNumber ("" for the landing page unless it
// holds the summary, which is numbered like any section); Refs are
// the numbered figures and tables of the current page, so the sidebar is
// the report's contents.
type link struct {
	Href    string
	Number  string
	Title   string
	Current bool
	Refs    []ref
}

type versionLink struct {
	Version string
	Date    string
	Summary string
	Href    string
	Current bool
}

type sectionView struct {
	ID     string
	Number string // from report.SectionNumber: "2", "A"
	Title  string
	Href   string
	Blocks []blockView
	Refs   []ref // numbered figures and tables, in order, for the contents
}

// ref is one numbered figure or table in the table of contents.
type ref struct {
	Label  string // "Figure" or "Table"
	Number int
	Title  string
	Href   string
}

// blockView is one block of a section page: exactly one field is set.
type blockView struct {
	HTML   template.HTML
	Table  *tableView
	Figure *figureView
}

type tableView struct {
	Anchor  string // element id, "table-<id>"
	Number  int
	Title   string
	Columns []string
	// NumCols marks the columns that hold only numbers (and withheld
	// numbers), whose headings align right over them.
	NumCols    []bool
	Rows       [][]cellView
	Note       string
	Definition string
	// Defined links to the definition of the table's numbers in Methods
	// and definitions; nil when the table carries its own.
	Defined *definitionLink
	CSV     string
	// Detail is reference detail behind a summary (report.Table.Detail),
	// shown collapsed.
	Detail bool
}

type figureView struct {
	Anchor  string // element id, "figure-<id>"
	Number  int
	Title   string
	Caption string
	// Defined links to the definition of what the figure shows.
	Defined *definitionLink
	Alt     string
	Src     string
	Width   int // the SVG's own size, so the page does not jump as it loads; 0 if unknown
	Height  int
	// Narrow is the phone layout of the chart (Options.FigureNarrowSVG),
	// shown on narrow screens instead of Src; empty when there is none.
	Narrow       string
	NarrowWidth  int
	NarrowHeight int
	CSV          string
	Table        tableView
}

type cellView struct {
	Text   string
	Header bool   // the row label: first column
	Class  string // "num", "suppressed", both or ""
}

// build checks doc's ids and turns it into pages. Figures and tables are
// numbered by report.Number, the numbering the PDF and the narrative's
// cross-references use; nfig and ntab only count them for the contents.
func build(doc *report.Document, opt Options) (*site, error) {
	if err := checkIDs(doc); err != nil {
		return nil, err
	}
	current := doc.Version
	if doc.Draft {
		current = "" // a draft is none of the published versions
	}
	versions, summary, err := versionLinks(current, opt.Versions)
	if err != nil {
		return nil, err
	}
	s := &site{}
	var sections []*sectionView
	nums := report.Number(doc)
	where := blockPages(doc)
	nfig, ntab := 0, 0
	for si := range doc.Sections {
		sv, err := s.section(doc, si, nums, where, opt)
		if err != nil {
			return nil, err
		}
		for _, b := range sv.Blocks {
			switch {
			case b.Table != nil:
				ntab++
			case b.Figure != nil:
				nfig++
			}
		}
		sections = append(sections, sv)
	}
	s.pages = paginate(doc, sections, page{
		Doc: doc, Built: doc.Built.UTC().Format("2 January 2006"), BuiltISO: doc.Built.UTC().Format("2006-01-02"),
		Summary: summary, Versions: versions, PDF: opt.PDF, Manifest: opt.Manifest, Measures: opt.Measures,
		Sections: sections, NumFigures: nfig, NumTables: ntab,
	})
	return s, nil
}

// section makes the view of doc's section si: its blocks in order, with
// figures and tables numbered by nums and their data added to the site.
// where is the page each figure and table lies on, for links from the
// narrative to blocks on other pages.
func (s *site) section(doc *report.Document, si int, nums map[string]int, where map[string]string, opt Options) (*sectionView, error) {
	sec := doc.Sections[si]
	sv := &sectionView{ID: sec.ID, Number: report.SectionNumber(doc.Sections, si), Title: sec.Title, Href: pageOf(sec)}
	var targets map[string]string // blocks on other pages
	for frag, page := range where {
		if page != sv.Href {
			if targets == nil {
				targets = map[string]string{}
			}
			targets[frag] = page + "#" + frag
		}
	}
	anchors := pageAnchors(sec)
	for i, b := range sec.Blocks {
		switch {
		case b.Table != nil:
			n := nums[b.Table.ID]
			tv := newTableView(b.Table, "table-"+b.Table.ID, n, "data/"+b.Table.ID+".csv")
			tv.Defined = defined(doc, b.Table.DefinedIn, sv.Href)
			sv.Blocks = append(sv.Blocks, blockView{Table: &tv})
			sv.Refs = append(sv.Refs, ref{"Table", n, b.Table.Title, sv.Href + "#" + tv.Anchor})
			s.csvs = append(s.csvs, csvFile{tv.CSV, b.Table})
		case b.Figure != nil:
			f := b.Figure
			n := nums[f.ID]
			fv, err := s.figure(f, n, opt)
			if err != nil {
				return nil, err
			}
			fv.Defined = defined(doc, f.DefinedIn, sv.Href)
			sv.Blocks = append(sv.Blocks, blockView{Figure: fv})
			sv.Refs = append(sv.Refs, ref{"Figure", n, f.Title, sv.Href + "#" + fv.Anchor})
		case b.Markdown != "":
			h, err := markdown(b.Markdown, anchors, fmt.Sprintf("b%d-", i+1), targets)
			if err != nil {
				return nil, fmt.Errorf("html: section %q, block %d: %w", sec.ID, i+1, err)
			}
			sv.Blocks = append(sv.Blocks, blockView{HTML: h})
		}
	}
	return sv, nil
}

// figure makes figure f's view, numbered n, and adds its drawings (wide
// and, when Options has one, for phones) and data to the site.
func (s *site) figure(f *report.Figure, n int, opt Options) (*figureView, error) {
	fv := &figureView{
		Anchor: "figure-" + f.ID, Number: n, Title: f.Title, Caption: f.Caption,
		Alt: f.Alt, Src: "figures/" + f.ID + ".svg", CSV: "data/" + f.ID + ".csv",
	}
	if fv.Alt == "" {
		// An empty alt would mark the chart decorative; the
		// title is a poor alternative but better than none.
		fv.Alt = fmt.Sprintf("Figure %d: %s", n, f.Title)
	}
	fv.Table = newTableView(&f.Table, fv.Anchor+"-data", 0, fv.CSV)
	if fv.Table.Title == "" {
		fv.Table.Title = f.Title
	}
	if opt.FigureSVG == nil {
		return nil, fmt.Errorf("html: figure %q: Options.FigureSVG is not set", f.ID)
	}
	svg, err := opt.FigureSVG(f)
	if err != nil {
		return nil, fmt.Errorf("html: drawing figure %q: %w", f.ID, err)
	}
	fv.Width, fv.Height = svgSize(svg)
	s.svgs = append(s.svgs, svgFile{fv.Src, svg})
	if opt.FigureNarrowSVG != nil {
		narrow, err := opt.FigureNarrowSVG(f)
		if err != nil {
			return nil, fmt.Errorf("html: drawing figure %q for phones: %w", f.ID, err)
		}
		fv.Narrow = "figures/narrow/" + f.ID + ".svg"
		fv.NarrowWidth, fv.NarrowHeight = svgSize(narrow)
		s.svgs = append(s.svgs, svgFile{fv.Narrow, narrow})
	}
	s.csvs = append(s.csvs, csvFile{fv.CSV, &f.Table})
	return fv, nil
}

// blockPages is the page of each numbered block, by the fragment the
// narrative's cross-references use: "figure-<id>", "table-<id>".
func blockPages(doc *report.Document) map[string]string {
	where := map[string]string{}
	for _, sec := range doc.Sections {
		for _, b := range sec.Blocks {
			switch {
			case b.Figure != nil:
				where["figure-"+b.Figure.ID] = pageOf(sec)
			case b.Table != nil:
				where["table-"+b.Table.ID] = pageOf(sec)
			}
		}
	}
	return where
}

// pageAnchors starts a section page's ids with those its figures and
// tables take, so headings in the narrative cannot claim them.
func pageAnchors(sec report.Section) *anchors {
	a := newAnchors()
	for _, b := range sec.Blocks {
		if b.Table != nil {
			a.Put([]byte("table-" + b.Table.ID))
			a.Put([]byte("table-" + b.Table.ID + "-caption"))
		}
		if b.Figure != nil {
			a.Put([]byte("figure-" + b.Figure.ID))
			a.Put([]byte("figure-" + b.Figure.ID + "-data"))
			a.Put([]byte("figure-" + b.Figure.ID + "-title"))
		}
	}
	return a
}

// leadID is the id of the executive summary, the key findings a reader
// should meet first: it is drawn on the version's index.html rather than
// on a page of its own, under its number like every section.
const leadID = "summary"

// pageOf is the file a section is drawn in: the executive summary opens
// the landing page, every other section has a page of its own.
func pageOf(sec report.Section) string {
	if sec.ID == leadID {
		return "index.html"
	}
	return sec.ID + ".html"
}

// paginate makes the landing page (with the summary, if there is one) and
// one page per other section, each a copy of common. Previous and next
// follow the outline; the sidebar lists every page with its number and,
// under the current one, its figures and tables.
func paginate(doc *report.Document, sections []*sectionView, common page) []*page {
	files := []link{{Href: "index.html", Title: "Overview"}}
	var lead *sectionView
	var pages []*sectionView // the section of each file; nil for index.html
	pages = append(pages, nil)
	for _, sv := range sections {
		if sv.Href == "index.html" {
			// The landing page is the summary's page: it takes its number
			// and title in the contents.
			lead = sv
			files[0] = link{Href: sv.Href, Number: sv.Number, Title: sv.Title, Refs: sv.Refs}
			continue
		}
		files = append(files, link{Href: sv.Href, Number: sv.Number, Title: sv.Title, Refs: sv.Refs})
		pages = append(pages, sv)
	}
	common.NumSections = len(sections)
	var out []*page
	for i := range files {
		p := common
		p.File = files[i].Href
		for j, l := range files {
			l.Current = i == j
			if !l.Current {
				l.Refs = nil
			}
			p.Pages = append(p.Pages, l)
		}
		p.Section = pages[i]
		if i == 0 {
			p.Lead = lead
		} else {
			prev := files[i-1]
			prev.Refs = nil
			p.Prev = &prev
		}
		if i+1 < len(files) {
			next := files[i+1]
			next.Refs = nil
			p.Next = &next
		}
		out = append(out, &p)
	}
	return out
}

// svgRootSize finds the width and height attributes of an SVG's root
// element, in user units or px.
var svgRootSize = regexp.MustCompile(`^\s*(?:<\?xml[^>]*>\s*)?<svg\b[^>]*?\swidth="(\d+)(?:px)?"[^>]*?\sheight="(\d+)(?:px)?"`)

// svgSize reads the drawing's size for the <img> that shows it. A size it
// cannot read is left out, which costs only a reflow.
func svgSize(svg []byte) (w, h int) {
	m := svgRootSize.FindSubmatch(svg)
	if m == nil {
		return 0, 0
	}
	w, _ = strconv.Atoi(string(m[1]))
	h, _ = strconv.Atoi(string(m[2]))
	return w, h
}

func newTableView(t *report.Table, anchor string, n int, csv string) tableView {
	tv := tableView{
		Anchor: anchor, Number: n, Title: t.Title, Columns: t.Columns,
		Note: t.Note, Definition: t.Definition, CSV: csv, Detail: t.Detail,
	}
	// One rule for every output (tabular.NumericColumns): a column of
	// numbers aligns right whole, its dashes and labels with it.
	numeric := tabular.NumericColumns(t)
	for _, row := range t.Rows {
		cells := make([]cellView, len(row))
		for i, c := range row {
			var class []string
			if i < len(numeric) && numeric[i] {
				class = append(class, "num")
			}
			if c.Withheld != "" {
				class = append(class, "suppressed")
			}
			cells[i] = cellView{Text: c.Text, Header: i == 0, Class: strings.Join(class, " ")}
		}
		tv.Rows = append(tv.Rows, cells)
	}
	tv.NumCols = numeric[:len(t.Columns)]
	return tv
}

// versionLinks turns the published versions into switcher links. Other
// versions are siblings of this one, so ../<version>/index.html reaches
// them from the version's own folder and from latest/ alike.
func versionLinks(current string, vs []Version) ([]versionLink, string, error) {
	var out []versionLink
	summary := ""
	for _, v := range vs {
		if !safeName.MatchString(v.Version) {
			return nil, "", fmt.Errorf("html: version %q cannot be a folder name", v.Version)
		}
		cur := v.Version == current
		if cur {
			summary = v.Summary
		}
		out = append(out, versionLink{Version: v.Version, Date: v.Date, Summary: v.Summary,
			Href: "../" + v.Version + "/index.html", Current: cur})
	}
	return out, summary, nil
}

// checkIDs rejects ids that cannot become the file names they name, or
// that would write two things to one file. Names are compared without
// case, as on the file systems of most readers' laptops.
func checkIDs(doc *report.Document) error {
	if !safeName.MatchString(doc.Version) {
		return fmt.Errorf("html: version %q cannot be a folder name", doc.Version)
	}
	pages := map[string]string{"index": "the contents page"}
	data := map[string]string{}
	claim := func(seen map[string]string, id, what string) error {
		if !safeName.MatchString(id) {
			return fmt.Errorf("html: %s has id %q, which cannot be a file name", what, id)
		}
		key := strings.ToLower(id)
		if other, ok := seen[key]; ok {
			return fmt.Errorf("html: %s and %s both have id %q", other, what, id)
		}
		seen[key] = what
		return nil
	}
	for si, sec := range doc.Sections {
		if err := claim(pages, sec.ID, fmt.Sprintf("section %d (%q)", si+1, sec.Title)); err != nil {
			return err
		}
		for bi, b := range sec.Blocks {
			set := 0
			for _, ok := range []bool{b.Markdown != "", b.Table != nil, b.Figure != nil} {
				if ok {
					set++
				}
			}
			if set > 1 {
				return fmt.Errorf("html: section %q, block %d: more than one of Markdown, Table and Figure is set", sec.ID, bi+1)
			}
			var err error
			switch {
			case b.Table != nil:
				err = claim(data, b.Table.ID, fmt.Sprintf("table %q", b.Table.Title))
			case b.Figure != nil:
				err = claim(data, b.Figure.ID, fmt.Sprintf("figure %q", b.Figure.Title))
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}
