package s3

import (
	"net/http"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// newObjectRequest is what PutObject, CopyObject (REPLACE) and
// CreateMultipartUpload read from the headers.
type newObjectRequest struct {
	meta objectMeta
	tags []tag
	cond writeCondition
}

func parseNewObject(h http.Header) (newObjectRequest, error) {
	var n newObjectRequest
	var err error
	if n.cond, err = parseWriteCondition(h); err != nil {
		return n, err
	}
	if n.meta, err = parseObjectMeta(h); err != nil {
		return n, err
	}
	if n.tags, err = parseTaggingHeader(h.Get("X-Amz-Tagging")); err != nil {
		return n, err
	}
	return n, nil
}

// commitObject stores obj as the new current version of its key in one
// transaction, after checking the write condition. The object's blobs
// are removed if the transaction does not commit.
func (s *Service) commitObject(r *awsapi.Request, bucketName string, cond writeCondition, obj *object) (*bucket, error) {
	var b *bucket
	err := s.env.DB.Update(func(tx *store.Tx) error {
		var err error
		if b, err = useBucket(tx, r, bucketName); err != nil {
			return err
		}
		objs := openObjects(tx, b)
		cur, _, err := objs.live(obj.Key)
		if err != nil {
			return err
		}
		if err := cond.check(obj.Key, cur); err != nil {
			return err
		}
		return s.storeVersion(tx, objs, b, obj)
	})
	if err != nil {
		for _, id := range obj.blobIDs() {
			s.env.DB.Blobs().Remove(id)
		}
		return nil, err
	}
	return b, nil
}

// precheck fails a conditional write before its body is read when the
// condition already does not hold.
func (s *Service) precheck(r *awsapi.Request, bucketName, key string, cond writeCondition) error {
	return s.env.DB.View(func(tx *store.Tx) error {
		b, err := useBucket(tx, r, bucketName)
		if err != nil || !cond.set() {
			return err
		}
		cur, _, err := openObjects(tx, b).live(key)
		if err != nil {
			return err
		}
		return cond.check(key, cur)
	})
}

func (s *Service) putObject(w http.ResponseWriter, r *awsapi.Request, t target) error {
	h := r.HTTP.Header
	req, err := parseNewObject(h)
	if err != nil {
		return err
	}
	ck, err := parseChecksumRequest(h, defaultAlgorithm)
	if err != nil {
		return err
	}
	if err := s.precheck(r, t.Bucket, t.Key, req.cond); err != nil {
		return err
	}
	in, err := s.ingest(r, ck)
	if err != nil {
		return err
	}
	obj := &object{
		Key:          t.Key,
		LastModified: lastModified(r),
		Owner:        r.Account(),
		Size:         in.Size,
		ETag:         in.etag(),
		Blobs:        []blobRef{{ID: in.Blob, Size: in.Size}},
		Checksum:     checksum{Algorithm: ck.Algorithm, Type: checksumFullObject, Value: in.Checksum},
		Header:       req.meta,
		Tags:         req.tags,
	}
	b, err := s.commitObject(r, t.Bucket, req.cond, obj)
	if err != nil {
		return err
	}
	wh := w.Header()
	wh.Set("ETag", obj.ETag)
	setVersionHeader(wh, obj.VersionID)
	setEncryptionHeaders(wh, b)
	setChecksumHeaders(wh, obj.Checksum)
	writeEmpty(w, http.StatusOK)
	return nil
}

func (s *Service) deleteObject(w http.ResponseWriter, r *awsapi.Request, t target) error {
	q := r.HTTP.URL.Query()
	if _, ok := r.HTTP.Header["X-Amz-Bypass-Governance-Retention"]; ok {
		return errInvalidArgument("x-amz-bypass-governance-retention is only applicable to Object Lock enabled buckets.", "x-amz-bypass-governance-retention", "")
	}
	var res deleteResult
	err := s.env.DB.Update(func(tx *store.Tx) error {
		b, err := useBucket(tx, r, t.Bucket)
		if err != nil {
			return err
		}
		objs := openObjects(tx, b)
		if cond := strings.TrimSpace(r.HTTP.Header.Get("If-Match")); cond != "" {
			cur, _, err := objs.live(t.Key)
			if err != nil {
				return err
			}
			if cur == nil {
				return errNoSuchKey(t.Key)
			}
			if !etagMatches(cond, cur.ETag) {
				return errPrecondition("If-Match")
			}
		}
		if !q.Has("versionId") {
			res, err = s.deleteCurrent(tx, objs, b, t.Key, r.Account(), lastModified(r))
			return err
		}
		id := q.Get("versionId")
		if !validVersionID(b, id) {
			return errInvalidVersionID(id)
		}
		res, _, err = s.deleteVersion(tx, objs, t.Key, id)
		return err
	})
	if err != nil {
		return err
	}
	if res.VersionID != "" {
		w.Header().Set("x-amz-version-id", res.VersionID)
	}
	if res.DeleteMarker {
		w.Header().Set("x-amz-delete-marker", "true")
	}
	writeEmpty(w, http.StatusNoContent)
	return nil
}
