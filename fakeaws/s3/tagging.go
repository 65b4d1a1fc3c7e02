package s3

import (
	"net/http"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// objectTarget finds the version an object subresource request names:
// ?versionId or the current version. Delete markers have no subresources.
func objectTarget(tx *store.Tx, r *awsapi.Request, t target) (*bucket, *object, error) {
	b, err := useBucket(tx, r, t.Bucket)
	if err != nil {
		return nil, nil, err
	}
	q := r.HTTP.URL.Query()
	objs := openObjects(tx, b)
	var obj *object
	var ok bool
	if q.Has("versionId") {
		id := q.Get("versionId")
		if !validVersionID(b, id) {
			return nil, nil, errInvalidVersionID(id)
		}
		if obj, ok, err = objs.version(t.Key, id); err != nil {
			return nil, nil, err
		}
		if !ok {
			return nil, nil, errNoSuchVersion(t.Key, id)
		}
	} else {
		if obj, ok, err = objs.current(t.Key); err != nil {
			return nil, nil, err
		}
		if !ok {
			return nil, nil, errNoSuchKey(t.Key)
		}
	}
	if obj.DeleteMarker {
		return nil, nil, ErrMethodNotAllowed.Err().With("Method", r.HTTP.Method).With("ResourceType", "DeleteMarker")
	}
	return b, obj, nil
}

func (s *Service) getObjectTagging(w http.ResponseWriter, r *awsapi.Request, t target) error {
	var obj *object
	err := s.env.DB.View(func(tx *store.Tx) error {
		var err error
		_, obj, err = objectTarget(tx, r, t)
		return err
	})
	if err != nil {
		return err
	}
	setVersionHeader(w.Header(), obj.VersionID)
	tags := obj.Tags
	if tags == nil {
		tags = []tag{}
	}
	return writeXML(w, r, tagsXML{Tags: tags})
}

// setObjectTags replaces the tags of one object version.
func (s *Service) setObjectTags(w http.ResponseWriter, r *awsapi.Request, t target, tags []tag, status int) error {
	var obj *object
	err := s.env.DB.Update(func(tx *store.Tx) error {
		b, o, err := objectTarget(tx, r, t)
		if err != nil {
			return err
		}
		obj = o
		obj.Tags = tags
		return openObjects(tx, b).update(obj)
	})
	if err != nil {
		return err
	}
	setVersionHeader(w.Header(), obj.VersionID)
	writeEmpty(w, status)
	return nil
}

func (s *Service) putObjectTagging(w http.ResponseWriter, r *awsapi.Request, t target) error {
	if _, err := s.viewBucket(r, t.Bucket); err != nil {
		return err
	}
	data, err := readBody(r, maxConfigBody)
	if err != nil {
		return err
	}
	tags, err := parseTagging(data, objectTagRules)
	if err != nil {
		return err
	}
	return s.setObjectTags(w, r, t, tags, http.StatusOK)
}

func (s *Service) deleteObjectTagging(w http.ResponseWriter, r *awsapi.Request, t target) error {
	return s.setObjectTags(w, r, t, nil, http.StatusNoContent)
}

func (s *Service) getObjectACL(w http.ResponseWriter, r *awsapi.Request, t target) error {
	var obj *object
	err := s.env.DB.View(func(tx *store.Tx) error {
		var err error
		_, obj, err = objectTarget(tx, r, t)
		return err
	})
	if err != nil {
		return err
	}
	setVersionHeader(w.Header(), obj.VersionID)
	return writeXML(w, r, ownerACL(obj.Owner))
}
