package s3

import (
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// ingested is a request body stored as a blob.
type ingested struct {
	Blob     string
	Size     int64
	MD5      []byte
	Checksum string // base64 of the requested algorithm
	Extra    map[string]string
}

// sum is the value of one of the computed checksums.
func (in *ingested) sum(ck checksumRequest, alg string) string {
	if alg == ck.Algorithm {
		return in.Checksum
	}
	return in.Extra[alg]
}

func (in *ingested) etag() string { return `"` + hex.EncodeToString(in.MD5) + `"` }

// ingest streams the request body into a new blob while computing its MD5
// and the requested checksum, then verifies Content-MD5 and the checksum.
// On any failure nothing is kept. The caller owns the blob: it must
// reference it in a committed transaction or remove it.
// extra names checksums to compute besides the requested one; their
// values land in ingested.Extra.
func (s *Service) ingest(r *awsapi.Request, ck checksumRequest, extra ...string) (*ingested, error) {
	max := s.cfg.MaxObjectSize
	if max > 0 && r.ContentLength > max {
		return nil, errEntityTooLarge(r.ContentLength, max)
	}
	wantMD5, err := parseContentMD5(r.HTTP.Header)
	if err != nil {
		return nil, err
	}
	alg := algorithms[ck.Algorithm]
	w, err := s.env.DB.Blobs().Create()
	if err != nil {
		return nil, err
	}
	md := md5.New()
	var sum hash.Hash
	if alg.new != nil {
		sum = alg.new()
	}
	sinks := []io.Writer{w, md}
	if sum != nil {
		sinks = append(sinks, sum)
	}
	extras := map[string]hash.Hash{}
	for _, name := range extra {
		if a, ok := algorithms[name]; ok && name != ck.Algorithm {
			extras[name] = a.new()
			sinks = append(sinks, extras[name])
		}
	}
	var body io.Reader = eofReader{}
	if r.Body != nil {
		body = r.Body
	}
	if max > 0 {
		body = io.LimitReader(body, max+1)
	}
	rd := &readErr{r: body}
	n, err := io.Copy(io.MultiWriter(sinks...), rd)
	if err != nil {
		w.Abort()
		if rd.err == nil {
			return nil, fmt.Errorf("store body: %w", err)
		}
		if errors.Is(err, awsapi.ErrBodyTooLarge) {
			return nil, errEntityTooLarge(n, max)
		}
		return nil, awsapi.AsBodyError(err)
	}
	if max > 0 && n > max {
		w.Abort()
		return nil, errEntityTooLarge(n, max)
	}
	if r.ContentLength >= 0 && n != r.ContentLength {
		w.Abort()
		return nil, ErrIncompleteBody.Err()
	}
	in := &ingested{Size: n, MD5: md.Sum(nil), Extra: map[string]string{}}
	for name, h := range extras {
		in.Extra[name] = base64.StdEncoding.EncodeToString(h.Sum(nil))
	}
	if wantMD5 != nil && !bytes.Equal(wantMD5, in.MD5) {
		w.Abort()
		return nil, ErrBadDigest.Err()
	}
	if sum != nil {
		in.Checksum = base64.StdEncoding.EncodeToString(sum.Sum(nil))
		expected := ck.Expected
		if ck.Trailer != "" {
			expected = trailerValue(r, ck.Trailer)
		}
		if err := verifyChecksum(ck.Algorithm, expected, in.Checksum); err != nil {
			w.Abort()
			return nil, err
		}
	}
	id, err := w.Commit()
	if err != nil {
		return nil, err
	}
	in.Blob = id
	return in, nil
}

// readErr remembers a read error, to tell a bad body from a failing disk.
type readErr struct {
	r   io.Reader
	err error
}

func (e *readErr) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err != nil && err != io.EOF {
		e.err = err
	}
	return n, err
}

type eofReader struct{}

func (eofReader) Read([]byte) (int, error) { return 0, io.EOF }

// trailerValue is the value of a trailing header of an aws-chunked body,
// once the body has been read.
func trailerValue(r *awsapi.Request, name string) string {
	return r.Trailer.Get(name)
}
