package sigv4

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// maxChunkHeader bounds one chunk-header or trailer line.
const maxChunkHeader = 4096

// chunkReader decodes an aws-chunked body:
//
//	hex-size[;chunk-signature=SIG]\r\n DATA \r\n ... 0[;chunk-signature=SIG]\r\n [trailers]\r\n
//
// verifying each chunk's signature when the payload is signed.
type chunkReader struct {
	br       *bufio.Reader
	signed   bool
	trailer  bool
	key      []byte
	amzDate  string
	scope    Scope
	prevSig  string
	inChunk  bool
	left     int64
	chunkSig string
	h        hash.Hash
	err      error
	// declared is x-amz-decoded-content-length, -1 when absent; total is
	// what the chunks held.
	declared, total int64
	// Trailers are the trailing headers (x-amz-checksum-*), once read.
	Trailers http.Header
}

func newChunkReader(body io.Reader, mode string, key []byte, amzDate string, scope Scope, seedSig string, declared int64) *chunkReader {
	return &chunkReader{
		declared: declared,
		br:       bufio.NewReaderSize(body, 64<<10),
		signed:   mode != streamUnsignT,
		trailer:  mode != streamSigned,
		key:      key,
		amzDate:  amzDate,
		scope:    scope,
		prevSig:  seedSig,
		h:        sha256.New(),
		Trailers: http.Header{},
	}
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	for !c.inChunk || c.left == 0 {
		if c.inChunk {
			if err := c.endChunk(); err != nil {
				c.err = err
				return 0, err
			}
		}
		size, err := c.startChunk()
		if err != nil {
			c.err = err
			return 0, err
		}
		if size == 0 {
			if err := c.finish(); err != nil {
				c.err = err
				return 0, err
			}
			c.err = io.EOF
			return 0, io.EOF
		}
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.br.Read(p)
	c.left -= int64(n)
	c.total += int64(n)
	if c.signed {
		c.h.Write(p[:n])
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		c.err = err
	}
	return n, err
}

func (c *chunkReader) line() (string, error) {
	s, err := c.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) || len(s) > maxChunkHeader {
		return "", fail(Malformed, "aws-chunked: chunk header too long")
	}
	if err == io.EOF {
		return "", io.ErrUnexpectedEOF
	}
	if err != nil {
		return "", err
	}
	return strings.TrimRight(string(s), "\r\n"), nil
}

func (c *chunkReader) startChunk() (int64, error) {
	hdr, err := c.line()
	if err != nil {
		return 0, err
	}
	sizeStr, ext, _ := strings.Cut(hdr, ";")
	size, err := strconv.ParseInt(strings.TrimSpace(sizeStr), 16, 64)
	if err != nil || size < 0 {
		return 0, fail(Malformed, "aws-chunked: bad chunk size %q", sizeStr)
	}
	c.chunkSig = ""
	if c.signed {
		sig, ok := strings.CutPrefix(ext, "chunk-signature=")
		if !ok {
			return 0, fail(BadSignature, "aws-chunked: chunk without chunk-signature")
		}
		c.chunkSig = sig
	}
	c.inChunk, c.left = true, size
	c.h.Reset()
	return size, nil
}

func (c *chunkReader) verifyChunk() error {
	if !c.signed {
		return nil
	}
	toSign := "AWS4-HMAC-SHA256-PAYLOAD\n" + c.amzDate + "\n" + c.scope.String() + "\n" + c.prevSig + "\n" + emptySHA256 + "\n" + hex.EncodeToString(c.h.Sum(nil))
	want := signature(c.key, toSign)
	if subtle.ConstantTimeCompare([]byte(want), []byte(c.chunkSig)) != 1 {
		return fail(BadSignature, "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
	}
	c.prevSig = c.chunkSig
	return nil
}

func (c *chunkReader) endChunk() error {
	if err := c.verifyChunk(); err != nil {
		return err
	}
	crlf, err := c.line()
	if err != nil {
		return err
	}
	if crlf != "" {
		return fail(Malformed, "aws-chunked: missing CRLF after chunk data")
	}
	c.inChunk = false
	return nil
}

// finish handles the final zero-length chunk and the trailers.
func (c *chunkReader) finish() error {
	if err := c.verifyChunk(); err != nil {
		return err
	}
	if c.declared >= 0 && c.total != c.declared {
		return fail(BadLength, "x-amz-decoded-content-length is %d but the chunks hold %d bytes", c.declared, c.total)
	}
	var names []string
	trailerSig := ""
	for {
		l, err := c.line()
		if errors.Is(err, io.ErrUnexpectedEOF) && !c.trailer {
			return nil // some clients omit the final CRLF
		}
		if err != nil {
			return err
		}
		if l == "" {
			break
		}
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			return fail(Malformed, "aws-chunked: bad trailer %q", l)
		}
		k = strings.ToLower(strings.TrimSpace(k))
		if k == "x-amz-trailer-signature" {
			trailerSig = strings.TrimSpace(v)
			continue
		}
		c.Trailers.Add(k, strings.TrimSpace(v))
		names = append(names, k)
	}
	if c.signed && c.trailer {
		sort.Strings(names)
		var b strings.Builder
		for _, n := range names {
			b.WriteString(n + ":" + c.Trailers.Get(n) + "\n")
		}
		toSign := "AWS4-HMAC-SHA256-TRAILER\n" + c.amzDate + "\n" + c.scope.String() + "\n" + c.prevSig + "\n" + hashHex([]byte(b.String()))
		if subtle.ConstantTimeCompare([]byte(signature(c.key, toSign)), []byte(trailerSig)) != 1 {
			return fail(BadSignature, "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
		}
	}
	return nil
}

// Unframe returns r's payload with any aws-chunked framing removed and
// nothing verified, for servers that run with authentication off, and the
// payload's length (-1 when unknown), and its trailing headers, filled in
// once the body has been read to the end (nil for bodies without framing).
func Unframe(r *http.Request) (io.Reader, int64, http.Header) {
	switch mode := r.Header.Get("X-Amz-Content-Sha256"); mode {
	case streamSigned, streamSignedT, streamUnsignT:
		c := newChunkReader(r.Body, streamUnsignT, nil, "", Scope{}, "", decodedLength(r))
		c.signed = false
		c.trailer = mode != streamSigned
		return c, decodedLength(r), c.Trailers
	}
	return r.Body, r.ContentLength, nil
}
