package pdf

import (
	"fmt"
	"strings"
)

// titlePage draws page 1: what the report is, which version, when it was
// built and how to cite it. It has no running header or footer.
func (r *renderer) titlePage() {
	f, d := r.pdf, r.doc
	f.AddPage()
	f.SetY(32)
	r.font("B", 24)
	f.MultiCell(0, 11, d.Title, "", "C", false)
	if d.Subtitle != "" {
		f.Ln(3)
		r.font("", 14)
		f.MultiCell(0, 7, d.Subtitle, "", "C", false)
	}
	if len(d.Authors) > 0 {
		f.Ln(8)
		r.font("", 12)
		f.MultiCell(0, 6, strings.Join(d.Authors, ", "), "", "C", false)
	}
	if d.Draft {
		f.Ln(8)
		r.font("B", 16)
		f.SetTextColor(160, 30, 30)
		f.MultiCell(0, 8, "DRAFT: not a published version", "", "C", false)
		f.SetTextColor(0, 0, 0)
	}
	f.Ln(10)
	r.font("", bodySize)
	for _, kv := range r.facts() {
		r.font("B", bodySize)
		f.CellFormat(0.5*r.textWidth()-2, bodyLeading, kv[0], "", 0, "R", false, 0, "")
		f.CellFormat(4, bodyLeading, "", "", 0, "", false, 0, "")
		r.font("", bodySize)
		f.MultiCell(0, bodyLeading, kv[1], "", "L", false)
	}

	if r.floatsOnly {
		f.Ln(6)
		r.font("B", 13)
		f.MultiCell(0, 7, "Paper appendix: tables and figures", "", "C", false)
		r.font("", bodySize)
		f.MultiCell(0, bodyLeading, "Numbered as in the report of the same version.", "", "C", false)
	}
	f.Ln(10)
	r.font("B", bodySize)
	f.MultiCell(0, bodyLeading, "Suggested citation", "", "L", false)
	r.font("", bodySize)
	if d.Draft {
		f.MultiCell(0, bodyLeading, "None: this draft may change without notice. Please cite a published version.", "", "L", false)
	} else {
		f.MultiCell(0, bodyLeading, citation(r.doc.Authors, r.doc.Built.Year(), d.Title, d.Version), "", "L", false)
	}
	if len(r.opt.Attachments) > 0 || r.opt.AttachData {
		f.Ln(6)
		r.font("B", bodySize)
		f.MultiCell(0, bodyLeading, "Files attached to this PDF", "", "L", false)
		r.font("", bodySize)
		for _, a := range r.opt.Attachments {
			line := a.Name
			if a.Description != "" {
				line += " — " + a.Description
			}
			f.MultiCell(0, bodyLeading, line, "", "L", false)
		}
		// One line for the CSVs: listing each would crowd the page, and
		// every table and figure names its own file.
		if n := len(r.numbers); r.opt.AttachData && n > 0 {
			f.MultiCell(0, bodyLeading, fmt.Sprintf("<id>.csv — the data of every table and figure (%d files), named under each", n), "", "L", false)
		}
	}
}

// facts are the title page's label/value lines, skipping unknown values.
func (r *renderer) facts() [][2]string {
	d := r.doc
	var out [][2]string
	add := func(k, v string) {
		if v != "" {
			out = append(out, [2]string{k, v})
		}
	}
	if d.Draft {
		add("Version", "draft of "+d.Version+", not published")
	} else {
		add("Version", d.Version)
	}
	if !d.Built.IsZero() {
		add("Built", d.Built.UTC().Format("2 January 2006"))
	}
	add("Study", d.StudyID)
	add("Produced with", d.Tool)
	return out
}

// citation is the suggested citation, "Authors (Year). Title (version X).
// moocreport.", with authors listed as APA does ("A, B & C").
func citation(authors []string, year int, title, version string) string {
	var who string
	switch n := len(authors); n {
	case 0:
	case 1:
		who = authors[0]
	default:
		who = strings.Join(authors[:n-1], ", ") + " & " + authors[n-1]
	}
	s := fmt.Sprintf("(%d). %s", year, title)
	if who != "" {
		s = who + " " + s
	}
	if version != "" {
		s += fmt.Sprintf(" (version %s)", version)
	}
	return s + ". moocreport."
}

// contents draws the table of contents under the title page's facts, so
// the first page after the title is the report's first section (its key
// findings), or on a page of its own when the title page has no room.
// Its height depends only on the section titles, never on the page
// numbers, which is what lets Render settle page numbers in two passes.
// Each line links to its section.
func (r *renderer) contents() {
	f := r.pdf
	const numW, lineH = 12.0, 5.2
	if need := sectionLead + 4 + float64(len(r.doc.Sections)+1)*lineH; r.remaining() < need+12 {
		f.AddPage()
	} else {
		f.Ln(12)
	}
	r.font("B", 13)
	f.MultiCell(0, sectionLead, "Contents", "", "L", false)
	f.Ln(2)
	r.font("", bodySize)
	width := r.textWidth()
	r.tocLinks = make([]int, len(r.doc.Sections))
	for i, s := range r.doc.Sections {
		page := "" // unknown on the first pass
		if r.prev != nil && i < len(r.prev.sections) {
			page = fmt.Sprint(r.prev.sections[i])
		}
		link := f.AddLink()
		r.tocLinks[i] = link
		if i == r.appendixFrom {
			if f.GetY()+2*lineH > r.bottom() {
				f.AddPage()
			}
			r.font("B", bodySize)
			f.CellFormat(width, lineH, appendicesTitle, "", 1, "L", false, link, "")
			r.font("", bodySize)
		}
		if f.GetY()+lineH > r.bottom() {
			f.AddPage()
		}
		y := f.GetY()
		title := r.fit(s.Title, width-numW-20)
		f.CellFormat(numW, lineH, r.sectionNumber(i), "", 0, "L", false, link, "")
		f.CellFormat(f.GetStringWidth(title), lineH, title, "", 0, "L", false, link, "")
		pageW := 12.0
		dotsW := margin + width - pageW - f.GetX() - 2
		dots := ""
		if d := f.GetStringWidth(" ."); dotsW > d {
			dots = strings.Repeat(" .", int(dotsW/d))
		}
		f.SetTextColor(150, 150, 150)
		f.CellFormat(dotsW, lineH, dots, "", 0, "R", false, link, "")
		f.SetTextColor(0, 0, 0)
		f.CellFormat(pageW+2, lineH, page, "", 1, "R", false, link, "")
		f.SetY(y + lineH)
	}
}

// header runs at the top of every page: the report title and version, so a
// printed page taken out of the report still says where it came from.
func (r *renderer) header() {
	f := r.pdf
	if f.PageNo() == 1 {
		return
	}
	r.font("", smallSize)
	f.SetTextColor(90, 90, 90)
	version := ""
	if r.doc.Version != "" {
		version = "Version " + r.doc.Version
	}
	if r.doc.Draft {
		version = "DRAFT of version " + r.doc.Version + " (not published)"
	}
	vw := f.GetStringWidth(version)
	// Margins may be indented by a list that broke across the page.
	w := r.pageWidth()
	f.SetXY(margin, headerY)
	f.CellFormat(w-vw-4, 4, r.fit(r.doc.Title, w-vw-6), "", 0, "L", false, 0, "")
	f.CellFormat(vw+4, 4, version, "", 1, "R", false, 0, "")
	f.SetDrawColor(180, 180, 180)
	f.SetLineWidth(0.2)
	f.Line(margin, headerY+5, margin+w, headerY+5)
	f.SetTextColor(0, 0, 0)
	f.SetDrawColor(0, 0, 0)
	f.SetY(margin)
}

// footer prints "Page x of y". The page count comes from the previous
// pass; the first pass's footers are never written out.
func (r *renderer) footer() {
	f := r.pdf
	if f.PageNo() == 1 {
		return
	}
	total := "?"
	if r.prev != nil {
		total = fmt.Sprint(r.prev.pages)
	}
	_, h := f.GetPageSize()
	f.SetXY(margin, h+footerY)
	r.font("", smallSize)
	f.SetTextColor(90, 90, 90)
	f.CellFormat(r.pageWidth(), 4, fmt.Sprintf("Page %d of %s", f.PageNo(), total), "", 0, "C", false, 0, "")
	f.SetTextColor(0, 0, 0)
}
