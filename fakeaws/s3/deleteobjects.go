package s3

import (
	"net/http"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// deleteObjects deletes up to 1000 keys in one transaction; a failure on
// one key is reported in the result, not as the request's error.
func (s *Service) deleteObjects(w http.ResponseWriter, r *awsapi.Request, t target) error {
	if _, err := s.viewBucket(r, t.Bucket); err != nil {
		return err
	}
	if _, ok := r.HTTP.Header["X-Amz-Bypass-Governance-Retention"]; ok {
		return errInvalidArgument("x-amz-bypass-governance-retention is only applicable to Object Lock enabled buckets.", "x-amz-bypass-governance-retention", "")
	}
	data, err := readBody(r, maxListBody)
	if err != nil {
		return err
	}
	quiet, targets, err := parseDelete(data)
	if err != nil {
		return err
	}
	res := deleteResultXML{}
	err = s.env.DB.Update(func(tx *store.Tx) error {
		res = deleteResultXML{}
		b, err := useBucket(tx, r, t.Bucket)
		if err != nil {
			return err
		}
		objs := openObjects(tx, b)
		for _, d := range targets {
			if d.VersionID == "" {
				dr, err := s.deleteCurrent(tx, objs, b, d.Key, r.Account(), lastModified(r))
				if err != nil {
					return err
				}
				if !quiet {
					res.Deleted = append(res.Deleted, deletedXML{Key: d.Key, DeleteMarker: dr.DeleteMarker, DeleteMarkerVersionID: dr.VersionID})
				}
				continue
			}
			dr, found, err := s.deleteVersion(tx, objs, d.Key, d.VersionID)
			if err != nil {
				return err
			}
			if !found {
				e := errNoSuchVersion(d.Key, d.VersionID)
				res.Errors = append(res.Errors, deleteErrorXML{Key: d.Key, VersionID: d.VersionID, Code: e.Code, Message: e.Message})
				continue
			}
			if !quiet {
				del := deletedXML{Key: d.Key, VersionID: d.VersionID}
				if dr.DeleteMarker {
					del.DeleteMarker, del.DeleteMarkerVersionID = true, d.VersionID
				}
				res.Deleted = append(res.Deleted, del)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return writeXML(w, r, res)
}
