package pdf

import (
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestChartIsVectors: a chart is painted as paths and text, not placed as
// an image; its labels are text a reader can select and search, set in the
// embedded font the charts package measured them with.
func TestChartIsVectors(t *testing.T) {
	path := samplePath(t)
	if out := tool(t, "pdfimages", "-list", path); len(strings.Split(strings.TrimSpace(out), "\n")) != 2 {
		t.Errorf("the PDF holds images:\n%s", out)
	}
	text := strings.Join(pages(t, path), "\n")
	for _, want := range []string{"W1", "W10", "CHART-AXIS-LABEL"} {
		if !strings.Contains(text, want) {
			t.Errorf("chart label %q is not text in the PDF", want)
		}
	}
	fonts := tool(t, "pdffonts", path)
	if !strings.Contains(fonts, "utf8gochart") {
		t.Errorf("the charts' font is not embedded:\n%s", fonts)
	}
}

// TestChartWithoutFigures: a PDF without charts does not carry their font.
func TestChartWithoutFigures(t *testing.T) {
	doc := sampleDoc()
	doc.Sections = doc.Sections[:2]
	if fonts := tool(t, "pdffonts", renderFile(t, doc, sampleOptions())); strings.Contains(fonts, "gochart") {
		t.Errorf("a PDF without charts embeds their font:\n%s", fonts)
	}
}

// TestChartPixels rasterises the chart's page without anti-aliasing and
// counts the pixels of the stand-in's bar blue and of its translucent
// orange band over white: their areas check the chart's scale (the
// figure's height cap sets its width), and the band's colour that its
// alpha is painted.
func TestChartPixels(t *testing.T) {
	path := samplePath(t)
	ps := pages(t, path)
	page := 0
	for i, p := range ps {
		if strings.Contains(p, "CHART-AXIS-LABEL") {
			page = i + 1
		}
	}
	const dpi = 150
	dir := t.TempDir()
	n := strconv.Itoa(page)
	tool(t, "pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-aa", "no", "-aaVector", "no", "-f", n, "-l", n, "-singlefile", path, filepath.Join(dir, "page"))
	fh, err := os.Open(filepath.Join(dir, "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	img, err := png.Decode(fh)
	if err != nil {
		t.Fatal(err)
	}
	blue := count(img, 0, 114, 178)
	band := count(img, 249, 231, 191) // 64/255 of (230, 159, 0) over white
	// The stand-in's bars cover 48×32×(1+…+10) CSS px², less the band
	// over three of them (3×48×40); the band 720×40 less those.
	w := math.Min(210-2*margin, 2*maxFigureHeight) // mm; the stand-in is 2:1
	px := w / 800 / 25.4 * dpi                     // image pixels per CSS pixel
	for _, c := range []struct {
		name      string
		got       int
		cssPixels float64
	}{{"bar blue", blue, 48*32*55 - 3*48*40}, {"band orange", band, 720*40 - 3*48*40}} {
		want := c.cssPixels * px * px
		if math.Abs(float64(c.got)-want) > 0.05*want {
			t.Errorf("%s covers %d pixels of page %d, want %.0f ± 5%%", c.name, c.got, page, want)
		}
	}
}

// count is the number of pixels of img within 3 of the colour r, g, b.
func count(img image.Image, r, g, b int) int {
	n := 0
	near := func(a uint32, v int) bool { return math.Abs(float64(int(a>>8)-v)) <= 3 }
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if near(cr, r) && near(cg, g) && near(cb, b) {
				n++
			}
		}
	}
	return n
}
