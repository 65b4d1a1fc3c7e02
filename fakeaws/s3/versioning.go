package s3

import (
	"regexp"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// versionIDPattern is the shape of the version IDs fakeaws hands out; any
// other ID cannot name a version and is an invalid argument, as on AWS.
var versionIDPattern = regexp.MustCompile(`^[A-Za-z0-9._-]{32}$`)

func (s *Service) newVersionID() string { return s.env.IDs.Token(32) }

// validVersionID reports whether id could name a version of b.
func validVersionID(b *bucket, id string) bool {
	if id == nullVersion {
		return true
	}
	return b.Versioning != versioningOff && versionIDPattern.MatchString(id)
}

// storeVersion writes obj as the newest version of its key, following the
// bucket's versioning state: with versioning on, it gets a new version ID
// and older versions stay; otherwise it is the null version and replaces
// the previous null version, whose blobs are removed once the
// transaction commits. obj.Seq and obj.VersionID are set.
func (s *Service) storeVersion(tx *store.Tx, objs objects, b *bucket, obj *object) error {
	seq, err := objs.nextSeq()
	if err != nil {
		return err
	}
	obj.Seq = seq
	if b.Versioning == versioningEnabled {
		obj.VersionID = s.newVersionID()
	} else {
		obj.VersionID = nullVersion
		if err := s.dropNullVersion(tx, objs, obj.Key); err != nil {
			return err
		}
	}
	return objs.put(obj)
}

// dropNullVersion removes the null version of key, if any.
func (s *Service) dropNullVersion(tx *store.Tx, objs objects, key string) error {
	old, ok, err := objs.version(key, nullVersion)
	if err != nil || !ok {
		return err
	}
	if err := objs.remove(old); err != nil {
		return err
	}
	s.removeBlobsOnCommit(tx, old)
	return nil
}

// removeBlobsOnCommit deletes obj's blob files after the transaction
// commits.
func (s *Service) removeBlobsOnCommit(tx *store.Tx, obj *object) {
	s.removeOnCommit(tx, obj.blobIDs())
}

// removeOnCommit deletes blob files after the transaction commits.
func (s *Service) removeOnCommit(tx *store.Tx, ids []string) {
	if len(ids) == 0 {
		return
	}
	blobs := s.env.DB.Blobs()
	tx.OnCommit(func() {
		for _, id := range ids {
			blobs.Remove(id)
		}
	})
}

// deleteResult is what a delete did, for the response headers.
type deleteResult struct {
	VersionID    string
	DeleteMarker bool
}

// deleteCurrent deletes key without naming a version: with versioning off
// the object goes; otherwise a delete marker becomes the current version.
func (s *Service) deleteCurrent(tx *store.Tx, objs objects, b *bucket, key, owner string, now time.Time) (deleteResult, error) {
	if b.Versioning == versioningOff {
		return deleteResult{}, s.dropNullVersion(tx, objs, key)
	}
	marker := &object{Key: key, DeleteMarker: true, LastModified: now, Owner: owner}
	if err := s.storeVersion(tx, objs, b, marker); err != nil {
		return deleteResult{}, err
	}
	return deleteResult{VersionID: marker.VersionID, DeleteMarker: true}, nil
}

// deleteVersion deletes one version for good. A version that does not
// exist is not an error: deletes are idempotent.
func (s *Service) deleteVersion(tx *store.Tx, objs objects, key, id string) (deleteResult, bool, error) {
	v, ok, err := objs.version(key, id)
	if err != nil || !ok {
		return deleteResult{VersionID: id}, false, err
	}
	if err := objs.remove(v); err != nil {
		return deleteResult{}, false, err
	}
	s.removeBlobsOnCommit(tx, v)
	return deleteResult{VersionID: id, DeleteMarker: v.DeleteMarker}, true, nil
}
