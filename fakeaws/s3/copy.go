package s3

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// copySource is the object named by x-amz-copy-source.
type copySource struct {
	Bucket, Key string
	VersionID   string
	ByVersion   bool
}

// parseCopySource reads x-amz-copy-source: [/]BUCKET/KEY[?versionId=ID],
// URL-encoded.
func parseCopySource(v string) (copySource, error) {
	bad := errInvalidArgument("Copy Source must mention the source bucket and key: sourcebucket/sourcekey", "x-amz-copy-source", v)
	path, query, _ := strings.Cut(v, "?")
	p, err := url.PathUnescape(strings.TrimPrefix(path, "/"))
	if err != nil {
		return copySource{}, bad
	}
	var cs copySource
	var ok bool
	if cs.Bucket, cs.Key, ok = strings.Cut(p, "/"); !ok || cs.Bucket == "" || cs.Key == "" {
		return copySource{}, bad
	}
	if query != "" {
		q, err := url.ParseQuery(query)
		if err != nil {
			return copySource{}, bad
		}
		if _, ok := q["versionId"]; ok {
			cs.VersionID, cs.ByVersion = q.Get("versionId"), true
		}
	}
	return cs, nil
}

// loadCopySource finds the source object of a copy and checks the
// x-amz-copy-source-if-* conditions.
func (s *Service) loadCopySource(r *awsapi.Request, cs copySource) (*bucket, *object, error) {
	var sb *bucket
	var src *object
	err := s.env.DB.View(func(tx *store.Tx) error {
		var err error
		if sb, err = useBucket(tx, r, cs.Bucket); err != nil {
			return err
		}
		src, err = findObject(tx, sb, cs.Key, cs.VersionID, cs.ByVersion, http.MethodGet)
		if e := (*awsapi.Error)(nil); errors.As(err, &e) {
			e.Header = nil // the delete-marker headers describe the source, not the copy
			if e.Code == string(ErrMethodNotAllowed) {
				return ErrInvalidRequest.Msg("The source of a copy request may not specifically refer to a delete marker by version id.")
			}
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	if err := checkCopySource(r.HTTP.Header, src, r.Now); err != nil {
		return nil, nil, err
	}
	return sb, src, nil
}

// directive reads x-amz-metadata-directive or x-amz-tagging-directive.
func directive(h http.Header, name string) (string, error) {
	v := h.Get(name)
	switch v {
	case "":
		return "COPY", nil
	case "COPY", "REPLACE":
		return v, nil
	}
	return "", errInvalidArgument("Unknown "+strings.TrimPrefix(strings.TrimSuffix(name, "-Directive"), "X-Amz-")+" directive.", strings.ToLower(name), v)
}

// copied is a copy of (part of) an object's body stored as a new blob.
type copied struct {
	Blob     string
	Size     int64
	MD5      []byte
	Checksum string
}

// copyData streams bytes [off, off+n) of src into a new blob, computing
// its MD5 and the alg checksum.
func (s *Service) copyData(src *object, off, n int64, alg string) (*copied, error) {
	rd, err := s.openRange(src.Blobs, off, n)
	if err != nil {
		return nil, errNoSuchKey(src.Key)
	}
	defer func() { _ = rd.Close() }()
	w, err := s.env.DB.Blobs().Create()
	if err != nil {
		return nil, err
	}
	md := md5.New()
	var sum hash.Hash
	sinks := []io.Writer{w, md}
	if a, ok := algorithms[alg]; ok {
		sum = a.new()
		sinks = append(sinks, sum)
	}
	written, err := io.Copy(io.MultiWriter(sinks...), rd)
	if err == nil && written != n {
		err = fmt.Errorf("copied %d of %d bytes", written, n)
	}
	if err != nil {
		w.Abort()
		return nil, fmt.Errorf("copy object body: %w", err)
	}
	id, err := w.Commit()
	if err != nil {
		return nil, err
	}
	c := &copied{Blob: id, Size: n, MD5: md.Sum(nil)}
	if sum != nil {
		c.Checksum = base64.StdEncoding.EncodeToString(sum.Sum(nil))
	}
	return c, nil
}

// copyAlgorithm is the checksum a copy gets: the one asked for, else the
// source's.
func copyAlgorithm(h http.Header, src *object) (string, error) {
	if v := h.Get("X-Amz-Checksum-Algorithm"); v != "" {
		a, ok := lookupAlgorithm(v)
		if !ok {
			return "", ErrInvalidRequest.Msg("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
		}
		return a.name, nil
	}
	if _, ok := algorithms[src.Checksum.Algorithm]; ok {
		return src.Checksum.Algorithm, nil
	}
	return defaultAlgorithm, nil
}

func (s *Service) copyObject(w http.ResponseWriter, r *awsapi.Request, t target) error {
	h := r.HTTP.Header
	cs, err := parseCopySource(h.Get("X-Amz-Copy-Source"))
	if err != nil {
		return err
	}
	cond, err := parseWriteCondition(h)
	if err != nil {
		return err
	}
	metaDirective, err := directive(h, "X-Amz-Metadata-Directive")
	if err != nil {
		return err
	}
	tagDirective, err := directive(h, "X-Amz-Tagging-Directive")
	if err != nil {
		return err
	}
	if err := s.precheck(r, t.Bucket, t.Key, cond); err != nil {
		return err
	}
	sb, src, err := s.loadCopySource(r, cs)
	if err != nil {
		return err
	}
	meta := src.Header
	if metaDirective == "REPLACE" {
		if meta, err = parseObjectMeta(h); err != nil {
			return err
		}
	} else if sc := h.Get("X-Amz-Storage-Class"); sc != "" {
		if !storageClasses[sc] {
			return awsapi.BadRequest("InvalidStorageClass", "The storage class you specified is not valid")
		}
		meta.StorageClass = sc
		if sc == "STANDARD" {
			meta.StorageClass = ""
		}
	}
	changed := metaDirective == "REPLACE" || h.Get("X-Amz-Storage-Class") != "" ||
		h.Get("X-Amz-Website-Redirect-Location") != "" || h.Get("X-Amz-Server-Side-Encryption") != ""
	if cs.Bucket == t.Bucket && cs.Key == t.Key && !changed && (!cs.ByVersion || s.isCurrent(r, sb, src)) {
		return ErrInvalidRequest.Msg("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")
	}
	tags := src.Tags
	if tagDirective == "REPLACE" {
		if tags, err = parseTaggingHeader(h.Get("X-Amz-Tagging")); err != nil {
			return err
		}
	}
	alg, err := copyAlgorithm(h, src)
	if err != nil {
		return err
	}
	c, err := s.copyData(src, 0, src.Size, alg)
	if err != nil {
		return err
	}
	obj := &object{
		Key:          t.Key,
		LastModified: lastModified(r),
		Owner:        r.Account(),
		Size:         c.Size,
		ETag:         `"` + hex.EncodeToString(c.MD5) + `"`,
		Blobs:        []blobRef{{ID: c.Blob, Size: c.Size}},
		Checksum:     checksum{Algorithm: alg, Type: checksumFullObject, Value: c.Checksum},
		Header:       meta,
		Tags:         tags,
	}
	b, err := s.commitObject(r, t.Bucket, cond, obj)
	if err != nil {
		return err
	}
	wh := w.Header()
	setVersionHeader(wh, obj.VersionID)
	if sb.Versioning != versioningOff {
		wh.Set("x-amz-copy-source-version-id", src.VersionID)
	}
	setEncryptionHeaders(wh, b)
	return writeXML(w, r, copyObjectResult{ETag: obj.ETag, LastModified: xmlTime(obj.LastModified), checksumXML: checksumFields(obj.Checksum)})
}

// isCurrent reports whether src is still the current version of its key.
func (s *Service) isCurrent(r *awsapi.Request, b *bucket, src *object) bool {
	current := false
	_ = s.env.DB.View(func(tx *store.Tx) error {
		cur, ok, err := openObjects(tx, b).current(src.Key)
		current = err == nil && ok && cur.Seq == src.Seq
		return nil
	})
	return current
}
