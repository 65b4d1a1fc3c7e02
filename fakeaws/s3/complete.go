package s3

import (
	"crypto/md5"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// assemble checks the parts a CompleteMultipartUpload names against the
// uploaded ones and builds the object they make.
func assemble(u *upload, stored map[int]part, req []completedPart) (*object, error) {
	obj := &object{Key: u.Key, Owner: u.Owner, Header: u.Header, Tags: u.Tags, Multipart: true, LastModified: u.Initiated}
	md := md5.New()
	var sums []string
	var sizes []int64
	prev := 0
	for _, rp := range req {
		n := *rp.PartNumber
		if n < 1 || n > maxParts {
			return nil, errInvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", strconv.Itoa(n))
		}
		if n <= prev {
			return nil, ErrInvalidPartOrder.Err().With("UploadId", u.ID)
		}
		prev = n
	}
	for i, rp := range req {
		n := *rp.PartNumber
		p, ok := stored[n]
		if !ok || strings.Trim(*rp.ETag, `"`) != strings.Trim(p.ETag, `"`) {
			return nil, ErrInvalidPart.Err().With("UploadId", u.ID).With("PartNumber", strconv.Itoa(n)).With("ETag", *rp.ETag)
		}
		if u.Algorithm != "" {
			sent := rp.checksum(u.Algorithm)
			if sent == "" {
				return nil, ErrInvalidRequest.Msg("The upload was created using a " + strings.ToLower(u.Algorithm) + " checksum. The complete request must include the checksum for each part. It was missing for part " + strconv.Itoa(n) + " in the request.")
			}
			if sent != p.Checksum {
				return nil, ErrInvalidPart.Err().With("UploadId", u.ID).With("PartNumber", strconv.Itoa(n)).With("ETag", *rp.ETag)
			}
			sums = append(sums, p.Checksum)
		} else {
			sums = append(sums, p.Default)
		}
		if i < len(req)-1 && p.Size < minPartSize {
			return nil, ErrEntityTooSmall.Err().With("ProposedSize", strconv.FormatInt(p.Size, 10)).
				With("MinSizeAllowed", strconv.Itoa(minPartSize)).With("PartNumber", strconv.Itoa(n)).With("ETag", p.ETag)
		}
		md.Write(p.MD5)
		sizes = append(sizes, p.Size)
		obj.Size += p.Size
		obj.Blobs = append(obj.Blobs, blobRef{ID: p.Blob, Size: p.Size, Checksum: p.Checksum})
	}
	obj.ETag = `"` + hex.EncodeToString(md.Sum(nil)) + "-" + strconv.Itoa(len(req)) + `"`
	alg, typ := u.Algorithm, u.ChecksumType
	if alg == "" {
		alg, typ = defaultAlgorithm, checksumFullObject
	}
	var value string
	var err error
	if typ == checksumComposite {
		value, err = compositeChecksum(alg, sums)
	} else {
		value, err = fullObjectChecksum(alg, sums, sizes)
	}
	if err != nil {
		return nil, err
	}
	obj.Checksum = checksum{Algorithm: alg, Type: typ, Value: value}
	return obj, nil
}

func (s *Service) completeMultipartUpload(w http.ResponseWriter, r *awsapi.Request, t target) error {
	h := r.HTTP.Header
	id := r.HTTP.URL.Query().Get("uploadId")
	cond, err := parseWriteCondition(h)
	if err != nil {
		return err
	}
	if _, _, err := s.viewUpload(r, t, id); err != nil {
		return err
	}
	data, err := readBody(r, maxListBody)
	if err != nil {
		return err
	}
	req, err := parseCompleteMultipartUpload(data)
	if err != nil {
		return err
	}
	var obj *object
	var b *bucket
	err = s.env.DB.Update(func(tx *store.Tx) error {
		if b, err = useBucket(tx, r, t.Bucket); err != nil {
			return err
		}
		objs := openObjects(tx, b)
		u, err := loadUpload(objs, t.Key, id)
		if err != nil {
			return err
		}
		parts, err := store.List[part](objs.parts(id), "")
		if err != nil {
			return err
		}
		stored := make(map[int]part, len(parts))
		for _, p := range parts {
			stored[p.Number] = p
		}
		if obj, err = assemble(u, stored, req); err != nil {
			return err
		}
		if err := checkWholeChecksum(h, obj); err != nil {
			return err
		}
		if err := checkConditionalComplete(objs, cond, u); err != nil {
			return err
		}
		keep := map[string]bool{}
		for _, bl := range obj.Blobs {
			keep[bl.ID] = true
		}
		if err := s.dropUpload(tx, objs, id, keep); err != nil {
			return err
		}
		return s.storeVersion(tx, objs, b, obj)
	})
	if err != nil {
		return err
	}
	wh := w.Header()
	setVersionHeader(wh, obj.VersionID)
	setEncryptionHeaders(wh, b)
	return writeXML(w, r, completeMultipartUploadResult{
		Location: objectURL(r, t), Bucket: t.Bucket, Key: t.Key, ETag: obj.ETag,
		checksumXML: checksumFields(obj.Checksum),
	})
}

// checkWholeChecksum verifies the object checksum and size a client may
// send with CompleteMultipartUpload.
func checkWholeChecksum(h http.Header, obj *object) error {
	if v := h.Get("X-Amz-Mp-Object-Size"); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err != nil || n != obj.Size {
			return ErrInvalidRequest.Msg("The provided 'x-amz-mp-object-size' header value " + v + " does not match what was computed: " + strconv.FormatInt(obj.Size, 10))
		}
	}
	if v := h.Get(checksumHeader(obj.Checksum.Algorithm)); v != "" && v != obj.Checksum.Value {
		return ErrBadDigest.Msg("The " + obj.Checksum.Algorithm + " you specified did not match the calculated checksum.")
	}
	return nil
}

// checkConditionalComplete applies If-Match / If-None-Match to a
// completing upload: the condition must hold, and the key must not have
// changed since the upload started, else the write conflicts.
func checkConditionalComplete(objs objects, cond writeCondition, u *upload) error {
	if !cond.set() {
		return nil
	}
	cur, ok, err := objs.current(u.Key)
	if err != nil {
		return err
	}
	var live *object
	if ok && !cur.DeleteMarker {
		live = cur
	}
	if err := cond.check(u.Key, live); err != nil {
		return err
	}
	var seq uint64
	if ok {
		seq = cur.Seq
	}
	if seq != u.BaseSeq {
		return ErrConditionalRequestConflict.Err().With("Condition", cond.header()).With("Key", u.Key)
	}
	return nil
}

// objectURL is the URL of an object as addressed by the request.
func objectURL(r *awsapi.Request, t target) string {
	key := (&url.URL{Path: t.Key}).EscapedPath()
	if t.Virtual {
		return "http://" + r.HTTP.Host + "/" + key
	}
	return "http://" + r.HTTP.Host + "/" + t.Bucket + "/" + key
}
