package s3

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

const (
	maxParts    = 10000
	minPartSize = 5 << 20
)

func partKey(n int) string { return strconv.Itoa(100000 + n)[1:] }

// uploadChecksum reads the checksum a new multipart upload asks for.
func uploadChecksum(h http.Header) (alg, typ string, err error) {
	if v := h.Get("X-Amz-Checksum-Algorithm"); v != "" {
		a, ok := lookupAlgorithm(v)
		if !ok {
			return "", "", ErrInvalidRequest.Msg("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]")
		}
		alg = a.name
	}
	typ = strings.ToUpper(h.Get("X-Amz-Checksum-Type"))
	switch typ {
	case "":
		if alg == "" {
			return "", "", nil
		}
		typ = checksumComposite
		if alg == "CRC64NVME" {
			typ = checksumFullObject
		}
	case checksumComposite, checksumFullObject:
		if alg == "" {
			return "", "", ErrInvalidRequest.Msg("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.")
		}
	default:
		return "", "", ErrInvalidRequest.Msg("Value for x-amz-checksum-type header is invalid.")
	}
	if typ == checksumFullObject && algorithms[alg].crc == nil {
		return "", "", ErrInvalidRequest.Msg("The FULL_OBJECT checksum type cannot be used with the " + strings.ToLower(alg) + " checksum algorithm.")
	}
	if typ == checksumComposite && alg == "CRC64NVME" {
		return "", "", ErrInvalidRequest.Msg("The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.")
	}
	return alg, typ, nil
}

func (s *Service) createMultipartUpload(w http.ResponseWriter, r *awsapi.Request, t target) error {
	h := r.HTTP.Header
	meta, err := parseObjectMeta(h)
	if err != nil {
		return err
	}
	tags, err := parseTaggingHeader(h.Get("X-Amz-Tagging"))
	if err != nil {
		return err
	}
	alg, typ, err := uploadChecksum(h)
	if err != nil {
		return err
	}
	u := &upload{ID: s.env.IDs.Token(64), Key: t.Key, Initiated: lastModified(r), Owner: r.Account(), Header: meta, Tags: tags, Algorithm: alg, ChecksumType: typ}
	var b *bucket
	err = s.env.DB.Update(func(tx *store.Tx) error {
		if b, err = useBucket(tx, r, t.Bucket); err != nil {
			return err
		}
		objs := openObjects(tx, b)
		if cur, ok, err := objs.current(t.Key); err != nil {
			return err
		} else if ok {
			u.BaseSeq = cur.Seq
		}
		if u.Seq, err = objs.nextSeq(); err != nil {
			return err
		}
		return objs.uploads.Put(u.ID, u)
	})
	if err != nil {
		return err
	}
	if alg != "" {
		w.Header().Set("x-amz-checksum-algorithm", alg)
		w.Header().Set("x-amz-checksum-type", typ)
	}
	setEncryptionHeaders(w.Header(), b)
	return writeXML(w, r, initiateMultipartUploadResult{Bucket: t.Bucket, Key: t.Key, UploadID: u.ID})
}

// loadUpload finds an upload of the request's key.
func loadUpload(objs objects, key, id string) (*upload, error) {
	var u upload
	ok, err := objs.uploads.Get(id, &u)
	if err != nil {
		return nil, err
	}
	if !ok || u.Key != key {
		return nil, errNoSuchUpload(id)
	}
	return &u, nil
}

// viewUpload reads the bucket and upload a part request names.
func (s *Service) viewUpload(r *awsapi.Request, t target, id string) (*bucket, *upload, error) {
	var b *bucket
	var u *upload
	err := s.env.DB.View(func(tx *store.Tx) error {
		var err error
		if b, err = useBucket(tx, r, t.Bucket); err != nil {
			return err
		}
		u, err = loadUpload(openObjects(tx, b), t.Key, id)
		return err
	})
	return b, u, err
}

// partNumber reads ?partNumber.
func partNumber(r *awsapi.Request) (int, error) {
	v := r.HTTP.URL.Query().Get("partNumber")
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxParts {
		return 0, errInvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", v)
	}
	return n, nil
}

// storePart records a part in one transaction, replacing an earlier
// upload of the same part number; on failure the new blob is removed.
func (s *Service) storePart(r *awsapi.Request, t target, uploadID string, p *part) error {
	err := s.env.DB.Update(func(tx *store.Tx) error {
		b, err := useBucket(tx, r, t.Bucket)
		if err != nil {
			return err
		}
		objs := openObjects(tx, b)
		if _, err := loadUpload(objs, t.Key, uploadID); err != nil {
			return err
		}
		parts := objs.parts(uploadID)
		var old part
		if ok, err := parts.Get(partKey(p.Number), &old); err != nil {
			return err
		} else if ok {
			s.removeOnCommit(tx, []string{old.Blob})
		}
		return parts.Put(partKey(p.Number), p)
	})
	if err != nil {
		s.env.DB.Blobs().Remove(p.Blob)
	}
	return err
}

func (s *Service) uploadPart(w http.ResponseWriter, r *awsapi.Request, t target) error {
	n, err := partNumber(r)
	if err != nil {
		return err
	}
	id := r.HTTP.URL.Query().Get("uploadId")
	b, u, err := s.viewUpload(r, t, id)
	if err != nil {
		return err
	}
	fallback := u.Algorithm
	if fallback == "" {
		fallback = defaultAlgorithm
	}
	ck, err := parseChecksumRequest(r.HTTP.Header, fallback)
	if err != nil {
		return err
	}
	if u.Algorithm != "" && ck.Algorithm != u.Algorithm {
		return ErrInvalidRequest.Msg("Checksum Type mismatch occurred, expected checksum Type: " + strings.ToLower(u.Algorithm) + ", actual checksum Type: " + strings.ToLower(ck.Algorithm))
	}
	var extra []string
	if u.Algorithm == "" {
		extra = append(extra, defaultAlgorithm)
	}
	in, err := s.ingest(r, ck, extra...)
	if err != nil {
		return err
	}
	p := &part{Number: n, Blob: in.Blob, Size: in.Size, ETag: in.etag(), MD5: in.MD5, Algorithm: ck.Algorithm, Checksum: in.Checksum, LastModified: lastModified(r)}
	if u.Algorithm == "" {
		p.Default = in.sum(ck, defaultAlgorithm)
	}
	if err := s.storePart(r, t, id, p); err != nil {
		return err
	}
	w.Header().Set("ETag", p.ETag)
	if u.Algorithm != "" || ck.Expected != "" || ck.Trailer != "" {
		w.Header().Set(checksumHeader(ck.Algorithm), p.Checksum)
	}
	setEncryptionHeaders(w.Header(), b)
	writeEmpty(w, http.StatusOK)
	return nil
}

func (s *Service) uploadPartCopy(w http.ResponseWriter, r *awsapi.Request, t target) error {
	n, err := partNumber(r)
	if err != nil {
		return err
	}
	id := r.HTTP.URL.Query().Get("uploadId")
	cs, err := parseCopySource(r.HTTP.Header.Get("X-Amz-Copy-Source"))
	if err != nil {
		return err
	}
	_, u, err := s.viewUpload(r, t, id)
	if err != nil {
		return err
	}
	sb, src, err := s.loadCopySource(r, cs)
	if err != nil {
		return err
	}
	off, length := int64(0), src.Size
	if v := r.HTTP.Header.Get("X-Amz-Copy-Source-Range"); v != "" {
		rng, err := parseRange(v, src.Size)
		if err != nil || rng == nil {
			return errInvalidArgument("Range specified is not valid for source object of size: "+strconv.FormatInt(src.Size, 10), "x-amz-copy-source-range", v)
		}
		off, length = rng.start, rng.length()
	}
	alg := u.Algorithm
	if alg == "" {
		alg = defaultAlgorithm
	}
	c, err := s.copyData(src, off, length, alg)
	if err != nil {
		return err
	}
	in := ingested{Blob: c.Blob, Size: c.Size, MD5: c.MD5}
	p := &part{Number: n, Blob: c.Blob, Size: c.Size, ETag: in.etag(), MD5: c.MD5, Algorithm: alg, Checksum: c.Checksum, LastModified: lastModified(r)}
	if u.Algorithm == "" {
		p.Default = c.Checksum
	}
	if err := s.storePart(r, t, id, p); err != nil {
		return err
	}
	if sb.Versioning != versioningOff {
		w.Header().Set("x-amz-copy-source-version-id", src.VersionID)
	}
	res := copyPartResult{ETag: p.ETag, LastModified: xmlTime(p.LastModified)}
	if u.Algorithm != "" {
		res.checksumXML = checksumFields(checksum{Algorithm: alg, Value: p.Checksum})
	}
	return writeXML(w, r, res)
}

func (s *Service) abortMultipartUpload(w http.ResponseWriter, r *awsapi.Request, t target) error {
	id := r.HTTP.URL.Query().Get("uploadId")
	err := s.env.DB.Update(func(tx *store.Tx) error {
		b, err := useBucket(tx, r, t.Bucket)
		if err != nil {
			return err
		}
		objs := openObjects(tx, b)
		if _, err := loadUpload(objs, t.Key, id); err != nil {
			return err
		}
		return s.dropUpload(tx, objs, id, nil)
	})
	if err != nil {
		return err
	}
	writeEmpty(w, http.StatusNoContent)
	return nil
}

// dropUpload deletes an upload and the blobs of its parts, except those
// kept (now part of an object).
func (s *Service) dropUpload(tx *store.Tx, objs objects, id string, keep map[string]bool) error {
	parts, err := store.List[part](objs.parts(id), "")
	if err != nil {
		return err
	}
	var drop []string
	for _, p := range parts {
		if !keep[p.Blob] {
			drop = append(drop, p.Blob)
		}
	}
	s.removeOnCommit(tx, drop)
	if err := objs.root.Sub("parts").DeleteSub(id); err != nil {
		return err
	}
	return objs.uploads.Delete(id)
}
