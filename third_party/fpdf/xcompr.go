// Copyright ©2021 The go-pdf Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"runtime"
	"sync"
)

var xmem = xmempool{
	Pool: sync.Pool{
		New: func() interface{} {
			var m membuffer
			return &m
		},
	},
}

type xmempool struct{ sync.Pool }

// zwriters are zlib writers at BestSpeed for compress to reuse (moocreport
// patch), up to four: not a sync.Pool, which empties at every garbage
// collection.
var zwriters = make(chan *zlib.Writer, 4)

func (pool *xmempool) compress(data []byte) *membuffer {
	mem := pool.Get().(*membuffer)
	buf := &mem.buf
	buf.Grow(len(data))

	// moocreport patch: a zlib writer allocates about 1 MB of state; a
	// document compresses each page and font, so writers are reused
	// (Reset gives the same bytes as a new writer).
	var zw *zlib.Writer
	select {
	case zw = <-zwriters:
	default:
	}
	if zw == nil {
		var err error
		if zw, err = zlib.NewWriterLevel(buf, zlib.BestSpeed); err != nil {
			panic(fmt.Errorf("could not create zlib writer: %w", err))
		}
	} else {
		zw.Reset(buf)
	}
	defer func() {
		select {
		case zwriters <- zw:
		default:
		}
	}()
	_, err := zw.Write(data)
	if err != nil {
		panic(fmt.Errorf("could not zlib-compress slice: %w", err))
	}

	err = zw.Close()
	if err != nil {
		panic(fmt.Errorf("could not close zlib writer: %w", err))
	}
	return mem
}

// compressPages compresses every page's content, several at once (a
// moocreport patch): a page compresses on its own, so the bytes are those
// of compressing the pages one by one, and the pages of a long document
// take a fraction of the time on a machine with more than one core (at
// most four at once, each with its zlib writer of about 1 MB). With a memo
// (SetPageMemo), each page is compressed through it.
func compressPages(pages []*bytes.Buffer, memo memoFunc) []*membuffer {
	out := make([]*membuffer, len(pages))
	next := make(chan int, len(pages))
	for i := range pages {
		next <- i
	}
	close(next)
	workers := runtime.GOMAXPROCS(0)
	if workers > 4 {
		workers = 4
	}
	var wg sync.WaitGroup
	for w := 0; w < workers && w < len(pages); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if memo == nil {
					out[i] = xmem.compress(pages[i].Bytes())
					continue
				}
				content := pages[i].Bytes()
				z := memo(string(content), func() []byte {
					mem := xmem.compress(content)
					defer mem.release()
					return mem.copy()
				})
				// A buffer of its own: a membuffer's bytes are reused
				// once it is released, and the memo keeps z.
				out[i] = &membuffer{}
				out[i].buf.Write(z)
			}
		}()
	}
	wg.Wait()
	return out
}

func (pool *xmempool) uncompress(data []byte) (*membuffer, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}

	mem := pool.Get().(*membuffer)
	mem.buf.Reset()

	_, err = mem.buf.ReadFrom(zr)
	if err != nil {
		mem.release()
		return nil, err
	}

	return mem, nil
}

type membuffer struct {
	buf bytes.Buffer
}

func (mem *membuffer) bytes() []byte { return mem.buf.Bytes() }
func (mem *membuffer) release() {
	mem.buf.Reset()
	xmem.Put(mem)
}

func (mem *membuffer) copy() []byte {
	src := mem.bytes()
	dst := make([]byte, len(src))
	copy(dst, src)
	return dst
}
