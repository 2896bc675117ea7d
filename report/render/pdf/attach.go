package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/md5"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/moocreport/moocreport/report"
)

// fpdf v0.9.0 writes SetAttachments' files before the page objects but
// still addresses pages as objects 3, 5, 7…, so with attachments every
// bookmark and contents link lands pages early. Render therefore leaves
// fpdf's attachments empty and adds the files afterwards as an incremental
// update (ISO 32000-1 §7.5.6): new file objects, a new catalog naming them,
// and an xref section that points back to fpdf's. Nothing fpdf wrote moves.

var (
	trailerRe   = regexp.MustCompile(`trailer\n<<\n/Size (\d+)\n/Root (\d+) 0 R\n/Info (\d+) 0 R\n>>\nstartxref\n(\d+)\n%%EOF\n?$`)
	mimeByExt   = map[string]string{".json": "application/json", ".csv": "text/csv", ".txt": "text/plain", ".yaml": "application/yaml"}
	namesMarker = "/Names <<"
)

// appendAttachments returns doc with files embedded as document-level
// attachments. Keys of the name tree are zero-padded positions, so viewers
// list the files in the order given; each file spec carries the file's
// name, description, size, MD5 checksum, date and, when known, MIME type.
// packed holds each file's data compressed (Deflate) and its MD5, in the
// same order.
func appendAttachments(doc []byte, files []Attachment, packed []packedFile, date time.Time) ([]byte, error) {
	if len(files) == 0 {
		return doc, nil
	}
	m := trailerRe.FindSubmatch(doc)
	if m == nil {
		return nil, fmt.Errorf("pdf: attaching files: cannot find the trailer fpdf writes")
	}
	size, _ := strconv.Atoi(string(m[1]))
	root, _ := strconv.Atoi(string(m[2]))
	info, _ := strconv.Atoi(string(m[3]))
	prev, _ := strconv.Atoi(string(m[4]))
	catalog, err := catalogEntries(doc, root)
	if err != nil {
		return nil, err
	}

	out := bytes.NewBuffer(append([]byte(nil), doc...))
	if !bytes.HasSuffix(doc, []byte("\n")) {
		out.WriteByte('\n')
	}
	offsets := map[int]int{}
	obj := func(n int, body string, stream []byte) {
		offsets[n] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n%s\n", n, body)
		if stream != nil {
			out.WriteString("stream\n")
			out.Write(stream)
			out.WriteString("\nendstream\n")
		}
		out.WriteString("endobj\n")
	}
	stamp := pdfDate(date)
	var names []string
	for i, a := range files {
		stream, spec := size+2*i, size+2*i+1
		z, sum := packed[i].zipped, packed[i].sum
		subtype := ""
		if t, ok := mimeByExt[strings.ToLower(path.Ext(a.Name))]; ok {
			subtype = " /Subtype /" + strings.ReplaceAll(t, "/", "#2F")
		}
		obj(stream, fmt.Sprintf("<< /Type /EmbeddedFile%s /Filter /FlateDecode /Length %d /Params << /Size %d /CheckSum <%x> /ModDate %s >> >>",
			subtype, len(z), len(a.Data), sum, stamp), z)
		obj(spec, fmt.Sprintf("<< /Type /Filespec /F %s /UF %s /Desc %s /EF << /F %d 0 R /UF %d 0 R >> >>",
			asciiString(a.Name), textString(a.Name), textString(a.Description), stream, stream), nil)
		names = append(names, fmt.Sprintf("(%03d) %d 0 R", i+1, spec))
	}
	obj(root, fmt.Sprintf("<<\n%s\n/Names << /EmbeddedFiles << /Names [%s] >> >>\n>>", catalog, strings.Join(names, " ")), nil)

	xref := out.Len()
	newSize := size + 2*len(files)
	out.WriteString("xref\n0 1\n0000000000 65535 f \n")
	fmt.Fprintf(out, "%d 1\n%010d 00000 n \n", root, offsets[root])
	fmt.Fprintf(out, "%d %d\n", size, 2*len(files))
	for n := size; n < newSize; n++ {
		fmt.Fprintf(out, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n", newSize, root, info, prev, xref)
	return out.Bytes(), nil
}

// catalogEntries returns the body of fpdf's catalog dictionary without its
// (empty) /Names entry, which fpdf writes last.
func catalogEntries(doc []byte, root int) (string, error) {
	start := bytes.LastIndex(doc, fmt.Appendf(nil, "\n%d 0 obj\n<<\n", root))
	if start < 0 {
		return "", fmt.Errorf("pdf: attaching files: cannot find catalog object %d", root)
	}
	body := doc[start+len(fmt.Sprintf("\n%d 0 obj\n<<\n", root)):]
	end := bytes.Index(body, []byte("\nendobj"))
	if end < 0 {
		return "", fmt.Errorf("pdf: attaching files: catalog object %d has no end", root)
	}
	body = body[:end]
	if i := bytes.Index(body, []byte(namesMarker)); i >= 0 {
		body = body[:i]
	} else {
		body = bytes.TrimSuffix(body, []byte(">>"))
	}
	return strings.TrimSpace(string(body)), nil
}

// attachments are a PDF's attached files, made, compressed and summed on
// their own goroutine (startAttachments) while the document is laid out.
type attachments struct {
	done   chan struct{}
	files  []Attachment
	packed []packedFile
	err    error
}

// startAttachments starts making the files opt attaches to doc: opt's
// own, then, with AttachData, the CSV of every table and figure, each
// compressed by opt.Deflate (Deflate when nil) and summed (MD5), beside
// the layout: the sum of measures.json was most of the time the attaching
// took after it.
func startAttachments(doc *report.Document, opt Options) *attachments {
	deflate := opt.Deflate
	if deflate == nil {
		deflate = Deflate
	}
	a := &attachments{done: make(chan struct{})}
	go func() {
		defer close(a.done)
		a.files = opt.Attachments
		if opt.AttachData {
			a.files = append(slices.Clip(a.files), dataAttachments(doc)...)
		}
		for _, f := range a.files {
			z, err := deflate(f.Data)
			if err != nil {
				a.err = err
				return
			}
			a.packed = append(a.packed, packedFile{zipped: z, sum: md5.Sum(f.Data)})
		}
	}()
	return a
}

// packedFile is an attached file as the PDF embeds it: its data
// compressed, and the MD5 of its data (the checksum a PDF gives).
type packedFile struct {
	zipped []byte
	sum    [md5.Size]byte
}

// wait returns the files and their compressed data once they are made.
func (a *attachments) wait() ([]Attachment, []packedFile, error) {
	<-a.done
	return a.files, a.packed, a.err
}

// Deflate compresses an attachment as Render embeds it: zlib at a fixed
// level, so the same data gives the same bytes. Writers are reused (a
// reset writer writes what a new one would): making one at this level
// costs more than compressing a small CSV.
func Deflate(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	var w *zlib.Writer
	select {
	case w = <-zlibWriters:
	default:
	}
	if w == nil {
		var err error
		if w, err = zlib.NewWriterLevel(&buf, zlib.BestCompression); err != nil {
			return nil, err
		}
	} else {
		w.Reset(&buf)
	}
	if _, err := w.Write(b); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	select {
	case zlibWriters <- w:
	default:
	}
	return buf.Bytes(), nil
}

// zlibWriters holds up to four of Deflate's writers between calls. Not a
// sync.Pool: that empties at every garbage collection, and a new writer
// allocates and clears about 1 MB.
var zlibWriters = make(chan *zlib.Writer, 4)

// textString encodes s as a PDF text string: UTF-16BE with a byte order
// mark, in hex so no character needs escaping.
func textString(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// asciiString is the legacy /F file name for readers older than /UF:
// non-ASCII characters become "_".
func asciiString(s string) string {
	var b strings.Builder
	b.WriteString("<")
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			r = '_'
		}
		fmt.Fprintf(&b, "%02X", r)
	}
	b.WriteString(">")
	return b.String()
}

// pdfDate formats t as a PDF date in UTC.
func pdfDate(t time.Time) string {
	return "(D:" + t.UTC().Format("20060102150405") + "Z)"
}
