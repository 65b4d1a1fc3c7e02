package s3

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// putConfig reads a configuration document, decodes it and applies it to
// the bucket in one transaction.
func (s *Service) putConfig(w http.ResponseWriter, r *awsapi.Request, t target, status int, apply func(b *bucket, data []byte) error) error {
	if _, err := s.viewBucket(r, t.Bucket); err != nil {
		return err
	}
	data, err := readBody(r, maxConfigBody)
	if err != nil {
		return err
	}
	if err := s.updateBucket(r, t.Bucket, func(b *bucket) error { return apply(b, data) }); err != nil {
		return err
	}
	writeEmpty(w, status)
	return nil
}

func (s *Service) getBucketVersioning(w http.ResponseWriter, r *awsapi.Request, t target) error {
	b, err := s.viewBucket(r, t.Bucket)
	if err != nil {
		return err
	}
	v := versioningConfiguration{Xmlns: s3NS}
	if b.Versioning != versioningOff {
		st := b.Versioning
		v.Status = &st
	}
	return writeXML(w, r, v)
}

func (s *Service) putBucketVersioning(w http.ResponseWriter, r *awsapi.Request, t target) error {
	return s.putConfig(w, r, t, http.StatusOK, func(b *bucket, data []byte) error {
		st, err := parseVersioning(data)
		if err != nil {
			return err
		}
		b.Versioning = st
		return nil
	})
}

func (s *Service) getBucketEncryption(w http.ResponseWriter, r *awsapi.Request, t target) error {
	b, err := s.viewBucket(r, t.Bucket)
	if err != nil {
		return err
	}
	rule := b.Encryption
	if rule == nil {
		rule = &sseRule{Algorithm: "AES256"}
	}
	var x sseXML
	x.Default = &struct {
		SSEAlgorithm   string `xml:"SSEAlgorithm"`
		KMSMasterKeyID string `xml:"KMSMasterKeyID,omitempty"`
	}{rule.Algorithm, rule.KMSKeyID}
	bke := rule.BucketKeyEnabled
	x.BucketKeyEnabled = &bke
	return writeXML(w, r, serverSideEncryptionConfiguration{Xmlns: s3NS, Rules: []sseXML{x}})
}

func (s *Service) putBucketEncryption(w http.ResponseWriter, r *awsapi.Request, t target) error {
	return s.putConfig(w, r, t, http.StatusOK, func(b *bucket, data []byte) error {
		rule, err := parseEncryption(data)
		if err != nil {
			return err
		}
		b.Encryption = rule
		return nil
	})
}

// deleteBucketEncryption returns the bucket to AWS's default encryption,
// SSE-S3.
func (s *Service) deleteBucketEncryption(w http.ResponseWriter, r *awsapi.Request, t target) error {
	if err := s.updateBucket(r, t.Bucket, func(b *bucket) error { b.Encryption = nil; return nil }); err != nil {
		return err
	}
	writeEmpty(w, http.StatusNoContent)
	return nil
}

// tagsXML is a tag set as S3 writes it.
type tagsXML struct {
	XMLName xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ Tagging"`
	Tags    []tag    `xml:"TagSet>Tag"`
}

func (s *Service) getBucketTagging(w http.ResponseWriter, r *awsapi.Request, t target) error {
	b, err := s.viewBucket(r, t.Bucket)
	if err != nil {
		return err
	}
	if len(b.Tags) == 0 {
		return ErrNoSuchTagSet.Err().With("BucketName", t.Bucket)
	}
	return writeXML(w, r, tagsXML{Tags: b.Tags})
}

func (s *Service) putBucketTagging(w http.ResponseWriter, r *awsapi.Request, t target) error {
	return s.putConfig(w, r, t, http.StatusNoContent, func(b *bucket, data []byte) error {
		tags, err := parseTagging(data, bucketTagRules)
		if err != nil {
			return err
		}
		b.Tags = tags
		return nil
	})
}

func (s *Service) deleteBucketTagging(w http.ResponseWriter, r *awsapi.Request, t target) error {
	if err := s.updateBucket(r, t.Bucket, func(b *bucket) error { b.Tags = nil; return nil }); err != nil {
		return err
	}
	writeEmpty(w, http.StatusNoContent)
	return nil
}

func (s *Service) getBucketPolicy(w http.ResponseWriter, r *awsapi.Request, t target) error {
	b, err := s.viewBucket(r, t.Bucket)
	if err != nil {
		return err
	}
	if b.Policy == "" {
		return ErrNoSuchBucketPolicy.Err().With("BucketName", t.Bucket)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(b.Policy))
	return nil
}

func (s *Service) putBucketPolicy(w http.ResponseWriter, r *awsapi.Request, t target) error {
	return s.putConfig(w, r, t, http.StatusNoContent, func(b *bucket, data []byte) error {
		policy := strings.TrimSpace(string(data))
		var doc map[string]json.RawMessage
		if !strings.HasPrefix(policy, "{") || json.Unmarshal([]byte(policy), &doc) != nil {
			return ErrMalformedPolicy.Err()
		}
		if _, ok := doc["Statement"]; !ok {
			return ErrMalformedPolicy.Msg("Missing required field Statement")
		}
		b.Policy = policy
		return nil
	})
}

func (s *Service) deleteBucketPolicy(w http.ResponseWriter, r *awsapi.Request, t target) error {
	if err := s.updateBucket(r, t.Bucket, func(b *bucket) error { b.Policy = ""; return nil }); err != nil {
		return err
	}
	writeEmpty(w, http.StatusNoContent)
	return nil
}

func (s *Service) getPolicyStatus(w http.ResponseWriter, r *awsapi.Request, t target) error {
	b, err := s.viewBucket(r, t.Bucket)
	if err != nil {
		return err
	}
	if b.Policy == "" {
		return ErrNoSuchBucketPolicy.Err().With("BucketName", t.Bucket)
	}
	return writeXML(w, r, policyStatus{})
}

func (s *Service) getOwnershipControls(w http.ResponseWriter, r *awsapi.Request, t target) error {
	b, err := s.viewBucket(r, t.Bucket)
	if err != nil {
		return err
	}
	if b.Ownership == "" {
		return ErrOwnershipControlsNotFound.Err().With("BucketName", t.Bucket)
	}
	oc := ownershipControls{Xmlns: s3NS}
	oc.Rules = append(oc.Rules, struct {
		ObjectOwnership string `xml:"ObjectOwnership"`
	}{b.Ownership})
	return writeXML(w, r, oc)
}

func (s *Service) putOwnershipControls(w http.ResponseWriter, r *awsapi.Request, t target) error {
	return s.putConfig(w, r, t, http.StatusOK, func(b *bucket, data []byte) error {
		o, err := parseOwnership(data)
		if err != nil {
			return err
		}
		b.Ownership = o
		return nil
	})
}

func (s *Service) deleteOwnershipControls(w http.ResponseWriter, r *awsapi.Request, t target) error {
	if err := s.updateBucket(r, t.Bucket, func(b *bucket) error { b.Ownership = ""; return nil }); err != nil {
		return err
	}
	writeEmpty(w, http.StatusNoContent)
	return nil
}

func (s *Service) getPublicAccessBlock(w http.ResponseWriter, r *awsapi.Request, t target) error {
	b, err := s.viewBucket(r, t.Bucket)
	if err != nil {
		return err
	}
	if b.PublicAccessBlock == nil {
		return ErrNoSuchPublicAccessBlock.Err().With("BucketName", t.Bucket)
	}
	return writeXML(w, r, publicAccessBlockConfiguration{Xmlns: s3NS, publicAccessBlock: *b.PublicAccessBlock})
}

func (s *Service) putPublicAccessBlock(w http.ResponseWriter, r *awsapi.Request, t target) error {
	return s.putConfig(w, r, t, http.StatusOK, func(b *bucket, data []byte) error {
		pab, err := parsePublicAccessBlock(data)
		if err != nil {
			return err
		}
		b.PublicAccessBlock = pab
		return nil
	})
}

func (s *Service) deletePublicAccessBlock(w http.ResponseWriter, r *awsapi.Request, t target) error {
	if err := s.updateBucket(r, t.Bucket, func(b *bucket) error { b.PublicAccessBlock = nil; return nil }); err != nil {
		return err
	}
	writeEmpty(w, http.StatusNoContent)
	return nil
}

func (s *Service) getAccelerate(w http.ResponseWriter, r *awsapi.Request, t target) error {
	b, err := s.viewBucket(r, t.Bucket)
	if err != nil {
		return err
	}
	return writeXML(w, r, accelerateConfiguration{Xmlns: s3NS, Status: b.Accelerate})
}

func (s *Service) putAccelerate(w http.ResponseWriter, r *awsapi.Request, t target) error {
	return s.putConfig(w, r, t, http.StatusOK, func(b *bucket, data []byte) error {
		st, err := parseAccelerate(data)
		if err != nil {
			return err
		}
		if strings.Contains(b.Name, ".") {
			return ErrInvalidRequest.Msg("S3 Transfer Acceleration is not supported for buckets with periods (.) in their names")
		}
		b.Accelerate = st
		return nil
	})
}

func (s *Service) getBucketACL(w http.ResponseWriter, r *awsapi.Request, t target) error {
	b, err := s.viewBucket(r, t.Bucket)
	if err != nil {
		return err
	}
	return writeXML(w, r, ownerACL(b.Owner))
}

// putACL accepts the private ACL, the only one a bucket with ACLs
// disabled (BucketOwnerEnforced, the default) takes.
func (s *Service) putACL(w http.ResponseWriter, r *awsapi.Request, t target) error {
	if _, err := s.viewBucket(r, t.Bucket); err != nil {
		return err
	}
	if acl := r.HTTP.Header.Get("X-Amz-Acl"); acl != "" && acl != "private" && acl != "bucket-owner-full-control" {
		return awsapi.BadRequest("AccessControlListNotSupported", "The bucket does not allow ACLs")
	}
	writeEmpty(w, http.StatusOK)
	return nil
}

// missingConfig answers the GET of a configuration a fresh bucket does
// not have with the error AWS gives.
func (s *Service) missingConfig(code ErrorCode) handler {
	return func(w http.ResponseWriter, r *awsapi.Request, t target) error {
		if _, err := s.viewBucket(r, t.Bucket); err != nil {
			return err
		}
		return code.Err().With("BucketName", t.Bucket)
	}
}

// fixedConfig answers the GET of a configuration with what AWS returns
// for a fresh bucket.
func (s *Service) fixedConfig(doc any) handler {
	return func(w http.ResponseWriter, r *awsapi.Request, t target) error {
		if _, err := s.viewBucket(r, t.Bucket); err != nil {
			return err
		}
		return writeXML(w, r, doc)
	}
}

// noContent deletes a configuration the bucket cannot have.
func (s *Service) noContent(w http.ResponseWriter, r *awsapi.Request, t target) error {
	if _, err := s.viewBucket(r, t.Bucket); err != nil {
		return err
	}
	writeEmpty(w, http.StatusNoContent)
	return nil
}
