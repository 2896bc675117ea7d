package pdf

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/moocreport/moocreport/report"
)

// figureCache draws each figure's PNG once, though Render lays the document
// out more than once.
type figureCache struct {
	draw func(*report.Figure) ([]byte, error)
	png  map[*report.Figure][]byte
}

func (c *figureCache) get(f *report.Figure) ([]byte, error) {
	if b, ok := c.png[f]; ok {
		return b, nil
	}
	b, err := c.draw(f)
	if err != nil {
		return nil, err
	}
	c.png[f] = b
	return b, nil
}

// maxFigureHeight caps a chart's height, in millimetres: at text width a
// chart would take two thirds of a page, leaving its caption and the text
// that refers to it for the next. Capped, it is drawn narrower, centred,
// and a figure and a short table or paragraph share a page.
const maxFigureHeight = 92.0

// placeholderHeight is the least height of the box drawn when there is no
// chart.
const placeholderHeight = 40.0

// figure draws a numbered figure at text width with its caption below, the
// two always on one page. Its data table (Figure.Table) is not drawn: the
// PDF shows the chart, and the numbers travel in the attached files.
func (r *renderer) figure(fig *report.Figure) {
	f := r.pdf
	fl := r.numbers[fig]
	var info *fpdf.ImageInfoType
	name := "figure-" + fig.ID
	if r.figs.draw != nil {
		png, err := r.figs.get(fig)
		if err != nil {
			f.SetError(fmt.Errorf("figure %q: %w", fig.ID, err))
			return
		}
		info = f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
		if f.Err() {
			return
		}
	}

	width := r.textWidth()
	img := placeholderHeight
	if info != nil && info.Width() > 0 {
		img = min(width*info.Height()/info.Width(), maxFigureHeight)
	} else {
		r.font("I", smallSize)
		img = max(img, float64(len(splitText(f, fig.Alt, width-6)))*smallLeading+6)
	}
	label := keepTogether(fl.Title())
	caption := keepTogether(fig.Caption)
	if d := r.dataNote(fig.ID); d != "" {
		caption = strings.TrimSpace(caption + " Data: " + d)
	}
	r.font("B", captionSize)
	capLines := len(splitText(f, label, width))
	r.font("", captionSize)
	if caption != "" {
		capLines += len(splitText(f, caption, width))
	}
	capH := 2 + float64(capLines)*captionLead

	newPage, h := placeFigure(r.remaining(), r.full(), img, capH)
	if newPage {
		r.newPage()
	}
	r.markFloat(fl)
	left, _, _, _ := f.GetMargins()
	y := f.GetY()
	if info != nil {
		w := h * info.Width() / info.Height()
		f.ImageOptions(name, left+(width-w)/2, y, w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	} else {
		r.placeholder(fig, left, y, width, h)
	}
	f.SetXY(left, y+h+2)
	r.font("B", captionSize)
	f.MultiCell(width, captionLead, label, "", "L", false)
	if caption != "" {
		r.font("", captionSize)
		f.MultiCell(width, captionLead, caption, "", "L", false)
	}
	f.Ln(blockGap)
}

// placeholder stands in for a chart when Options.FigurePNG is nil: a frame
// with the figure's text alternative.
func (r *renderer) placeholder(fig *report.Figure, x, y, w, h float64) {
	f := r.pdf
	f.SetDrawColor(150, 150, 150)
	f.Rect(x, y, w, h, "D")
	f.SetDrawColor(0, 0, 0)
	f.SetXY(x+3, y+3)
	r.font("I", smallSize)
	f.MultiCell(w-6, smallLeading, fig.Alt, "", "L", false)
}
