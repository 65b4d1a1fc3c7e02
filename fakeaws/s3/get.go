package s3

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// findObject resolves the version a GET, HEAD or copy names: the current
// version, or ?versionId. A delete marker reads as NoSuchKey, or, named
// by version, as MethodNotAllowed, with the headers AWS sends.
func findObject(tx *store.Tx, b *bucket, key, versionID string, byVersion bool, method string) (*object, error) {
	objs := openObjects(tx, b)
	if !byVersion {
		obj, ok, err := objs.current(key)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errNoSuchKey(key)
		}
		if obj.DeleteMarker {
			e := errNoSuchKey(key)
			e.Header = deleteMarkerHeader(obj)
			return nil, e
		}
		return obj, nil
	}
	if !validVersionID(b, versionID) {
		return nil, errInvalidVersionID(versionID)
	}
	obj, ok, err := objs.version(key, versionID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errNoSuchVersion(key, versionID)
	}
	if obj.DeleteMarker {
		e := ErrMethodNotAllowed.Err().With("Method", method).With("ResourceType", "DeleteMarker")
		e.Header = deleteMarkerHeader(obj)
		e.Header.Set("Allow", "DELETE")
		return nil, e
	}
	return obj, nil
}

func deleteMarkerHeader(m *object) http.Header {
	h := http.Header{}
	h.Set("x-amz-delete-marker", "true")
	setVersionHeader(h, m.VersionID)
	if m.VersionID == nullVersion {
		h.Set("x-amz-version-id", nullVersion)
	}
	h.Set("Last-Modified", httpTime(m.LastModified))
	return h
}

// byteRange is a satisfiable range of an object.
type byteRange struct{ start, end int64 } // inclusive

func (br byteRange) length() int64 { return br.end - br.start + 1 }

// parseRange reads a Range header as S3 does: a single bytes=a-b, a- or
// -n range; anything else is ignored (the whole object is sent), and a
// well-formed range outside the object is InvalidRange.
func parseRange(v string, size int64) (*byteRange, error) {
	spec, ok := strings.CutPrefix(strings.TrimSpace(v), "bytes=")
	if !ok || strings.Contains(spec, ",") {
		return nil, nil
	}
	a, b, ok := strings.Cut(strings.TrimSpace(spec), "-")
	if !ok {
		return nil, nil
	}
	if a == "" {
		n, ok := digits(b)
		if !ok {
			return nil, nil
		}
		if n == 0 || size == 0 {
			return nil, errInvalidRange(v, size)
		}
		return &byteRange{max(0, size-n), size - 1}, nil
	}
	start, ok := digits(a)
	if !ok {
		return nil, nil
	}
	end := size - 1
	if b != "" {
		if end, ok = digits(b); !ok || end < start {
			return nil, nil
		}
	}
	if start >= size {
		return nil, errInvalidRange(v, size)
	}
	return &byteRange{start, min(end, size-1)}, nil
}

func digits(s string) (int64, bool) {
	if s == "" {
		return 0, false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// partRange is the byte range of part n of obj (GET ?partNumber=n).
func partRange(obj *object, n int) (*byteRange, error) {
	if !obj.Multipart {
		if n != 1 {
			return nil, ErrInvalidPartNumber.Err()
		}
		if obj.Size == 0 {
			return nil, nil
		}
		return &byteRange{0, obj.Size - 1}, nil
	}
	if n > len(obj.Blobs) {
		return nil, ErrInvalidPartNumber.Err()
	}
	var off int64
	for _, b := range obj.Blobs[:n-1] {
		off += b.Size
	}
	return &byteRange{off, off + obj.Blobs[n-1].Size - 1}, nil
}

func (s *Service) getObject(w http.ResponseWriter, r *awsapi.Request, t target) error {
	q := r.HTTP.URL.Query()
	partNumber := 0
	if v := q.Get("partNumber"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxParts {
			return errInvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", v)
		}
		if r.HTTP.Header.Get("Range") != "" {
			return ErrInvalidRequest.Msg("Cannot specify both Range header and partNumber query parameter")
		}
		partNumber = n
	}
	var b *bucket
	var obj *object
	err := s.env.DB.View(func(tx *store.Tx) error {
		var err error
		if b, err = useBucket(tx, r, t.Bucket); err != nil {
			return err
		}
		obj, err = findObject(tx, b, t.Key, q.Get("versionId"), q.Has("versionId"), r.HTTP.Method)
		return err
	})
	if err != nil {
		return err
	}
	cond, err := checkReadConditions(r.HTTP.Header, obj, r.Now)
	if err != nil {
		return err
	}
	h := w.Header()
	if cond == readNotModified {
		h.Set("ETag", obj.ETag)
		h.Set("Last-Modified", httpTime(obj.LastModified))
		setVersionHeader(h, obj.VersionID)
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	var rng *byteRange
	if partNumber > 0 {
		if rng, err = partRange(obj, partNumber); err != nil {
			return err
		}
	} else if v := r.HTTP.Header.Get("Range"); v != "" {
		if rng, err = parseRange(v, obj.Size); err != nil {
			return err
		}
	}
	status, length, start := http.StatusOK, obj.Size, int64(0)
	if rng != nil {
		status, length, start = http.StatusPartialContent, rng.length(), rng.start
	}
	var rd *rangeReader
	if r.HTTP.Method != http.MethodHead {
		rd, err = s.openRange(obj.Blobs, start, length)
		if errors.Is(err, fs.ErrNotExist) {
			return errNoSuchKey(t.Key) // deleted since it was looked up
		}
		if err != nil {
			return err
		}
		defer func() { _ = rd.Close() }()
	}
	setObjectHeaders(h, b, obj, q)
	if rng != nil {
		h.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", rng.start, rng.end, obj.Size))
		if obj.Multipart && partNumber > 0 {
			h.Set("x-amz-mp-parts-count", strconv.Itoa(len(obj.Blobs)))
		}
	} else if checksumModeEnabled(r) {
		setChecksumHeaders(h, obj.Checksum)
	}
	h.Set("Content-Length", strconv.FormatInt(length, 10))
	if rd == nil {
		w.WriteHeader(status)
		return nil
	}
	w.WriteHeader(status)
	if _, err := io.Copy(w, rd); err != nil {
		// The status is sent: all that is left is to cut the response
		// short so the client sees it incomplete.
		panic(http.ErrAbortHandler)
	}
	return nil
}

// rangeReader streams bytes [off, off+n) of an object's blobs, opening
// each blob file when it is reached.
type rangeReader struct {
	s     *Service
	blobs []blobRef
	off   int64 // offset within blobs[0]
	left  int64
	cur   io.ReadCloser
}

// openRange opens the first blob of the range now, so that a missing
// body is reported before the response starts.
func (s *Service) openRange(blobs []blobRef, off, n int64) (*rangeReader, error) {
	for len(blobs) > 0 && off >= blobs[0].Size {
		off -= blobs[0].Size
		blobs = blobs[1:]
	}
	rr := &rangeReader{s: s, blobs: blobs, off: off, left: n}
	if n > 0 {
		if err := rr.next(); err != nil {
			return nil, err
		}
	}
	return rr, nil
}

func (rr *rangeReader) next() error {
	for len(rr.blobs) > 0 && rr.blobs[0].Size == 0 {
		rr.blobs = rr.blobs[1:]
	}
	if len(rr.blobs) == 0 {
		return fmt.Errorf("object body shorter than its size")
	}
	f, err := rr.s.env.DB.Blobs().Open(rr.blobs[0].ID)
	if err != nil {
		return fmt.Errorf("open object body: %w", err)
	}
	if rr.off > 0 {
		if _, err := f.Seek(rr.off, io.SeekStart); err != nil {
			f.Close()
			return fmt.Errorf("seek object body: %w", err)
		}
	}
	rr.cur = struct {
		io.Reader
		io.Closer
	}{io.LimitReader(f, rr.blobs[0].Size-rr.off), f}
	rr.blobs = rr.blobs[1:]
	rr.off = 0
	return nil
}

func (rr *rangeReader) Read(p []byte) (int, error) {
	for {
		if rr.left <= 0 {
			return 0, io.EOF
		}
		if rr.cur == nil {
			if err := rr.next(); err != nil {
				return 0, err
			}
		}
		if int64(len(p)) > rr.left {
			p = p[:rr.left]
		}
		n, err := rr.cur.Read(p)
		rr.left -= int64(n)
		if err == io.EOF {
			rr.cur.Close()
			rr.cur = nil
			if n > 0 {
				return n, nil
			}
			continue
		}
		return n, err
	}
}

// Close releases the open blob.
func (rr *rangeReader) Close() error {
	if rr.cur != nil {
		return rr.cur.Close()
	}
	return nil
}
