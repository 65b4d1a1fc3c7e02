package s3

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// useBucket loads the bucket a request names and checks that the caller
// may use it: buckets belong to one account, and others are denied.
func useBucket(tx *store.Tx, r *awsapi.Request, name string) (*bucket, error) {
	b, ok, err := loadBucket(tx, name)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errNoSuchBucket(name)
	}
	if b.Owner != r.Account() {
		return nil, ErrAccessDenied.Err()
	}
	if eo := r.HTTP.Header.Get("X-Amz-Expected-Bucket-Owner"); eo != "" && eo != b.Owner {
		return nil, ErrAccessDenied.Err()
	}
	return b, nil
}

// viewBucket reads the bucket a request names in a read-only transaction.
func (s *Service) viewBucket(r *awsapi.Request, name string) (*bucket, error) {
	var b *bucket
	err := s.env.DB.View(func(tx *store.Tx) error {
		var err error
		b, err = useBucket(tx, r, name)
		return err
	})
	return b, err
}

// updateBucket changes a bucket's configuration in one transaction.
func (s *Service) updateBucket(r *awsapi.Request, name string, change func(b *bucket) error) error {
	return s.env.DB.Update(func(tx *store.Tx) error {
		b, err := useBucket(tx, r, name)
		if err != nil {
			return err
		}
		if err := change(b); err != nil {
			return err
		}
		return saveBucket(tx, b)
	})
}

func (s *Service) bucketARN(name string) string {
	p := s.env.Partition
	if p == "" {
		p = "aws"
	}
	return "arn:" + p + ":s3:::" + name
}

// signed reports whether the request carries a SigV4 signature, whose
// credential scope names a region.
func signed(r *awsapi.Request) bool {
	return r.HTTP.Header.Get("Authorization") != "" || r.HTTP.URL.Query().Get("X-Amz-Credential") != ""
}

func (s *Service) createBucket(w http.ResponseWriter, r *awsapi.Request, t target) error {
	if !validBucketName(t.Bucket) {
		return ErrInvalidBucketName.Err().With("BucketName", t.Bucket)
	}
	data, err := readBody(r, maxConfigBody)
	if err != nil {
		return err
	}
	constraint, tags, err := parseCreateBucket(data)
	if err != nil {
		return err
	}
	region, err := bucketRegion(constraint, r.Region)
	if err != nil {
		return err
	}
	ownership := "BucketOwnerEnforced"
	if v, ok := r.HTTP.Header["X-Amz-Object-Ownership"]; ok {
		if len(v) == 0 || !objectOwnerships[v[0]] {
			val := ""
			if len(v) > 0 {
				val = v[0]
			}
			return errInvalidArgument("Invalid x-amz-object-ownership header: "+val, "x-amz-object-ownership", val)
		}
		ownership = v[0]
	}
	if strings.EqualFold(r.HTTP.Header.Get("X-Amz-Bucket-Object-Lock-Enabled"), "true") {
		return errNotImplementedHeader("x-amz-bucket-object-lock-enabled", "fakeaws does not implement S3 Object Lock")
	}
	err = s.env.DB.Update(func(tx *store.Tx) error {
		old, exists, err := loadBucket(tx, t.Bucket)
		if err != nil {
			return err
		}
		if exists {
			if old.Owner != r.Account() {
				return ErrBucketAlreadyExists.Err().With("BucketName", t.Bucket)
			}
			// us-east-1 keeps its legacy answer: re-creating your own
			// bucket there succeeds, unless the request sets tags.
			if old.Region == defaultRegion && region == defaultRegion && len(tags) == 0 {
				return nil
			}
			return ErrBucketAlreadyOwnedByYou.Err().With("BucketName", t.Bucket)
		}
		return saveBucket(tx, &bucket{
			Name:              t.Bucket,
			Owner:             r.Account(),
			Region:            region,
			Created:           r.Now.UTC().Truncate(time.Second),
			Tags:              tags,
			Ownership:         ownership,
			PublicAccessBlock: &publicAccessBlock{true, true, true, true},
		})
	})
	if err != nil {
		return err
	}
	loc := "/" + t.Bucket
	if region != defaultRegion {
		loc = "http://" + t.Bucket + ".s3.amazonaws.com/"
	}
	w.Header().Set("Location", loc)
	w.Header().Set("x-amz-bucket-arn", s.bucketARN(t.Bucket))
	writeEmpty(w, http.StatusOK)
	return nil
}

// bucketRegion decides where a new bucket lives: its location constraint,
// which must match the region the request was sent to, except that the
// us-east-1 endpoint creates buckets anywhere.
func bucketRegion(constraint, requestRegion string) (string, error) {
	if requestRegion == "" {
		requestRegion = defaultRegion
	}
	if constraint == "EU" {
		constraint = "eu-west-1"
	}
	if constraint == "" {
		if requestRegion != defaultRegion {
			return "", ErrIllegalLocationConstraint.Err()
		}
		return defaultRegion, nil
	}
	if constraint == defaultRegion || !regions[constraint] {
		return "", ErrInvalidLocationConstraint.Err().With("LocationConstraint", constraint)
	}
	if requestRegion != defaultRegion && constraint != requestRegion {
		return "", ErrIllegalLocationConstraint.Msg("The " + constraint + " location constraint is incompatible for the region specific endpoint this request was sent to.")
	}
	return constraint, nil
}

func (s *Service) headBucket(w http.ResponseWriter, r *awsapi.Request, t target) error {
	var region string
	b, err := s.viewBucket(r, t.Bucket)
	_ = s.env.DB.View(func(tx *store.Tx) error {
		if found, ok, _ := loadBucket(tx, t.Bucket); ok {
			region = found.Region
		}
		return nil
	})
	if region != "" {
		// AWS names the region even to callers it denies.
		w.Header().Set("x-amz-bucket-region", region)
	}
	if err != nil {
		return err
	}
	w.Header().Set("x-amz-access-point-alias", "false")
	if signed(r) && r.Region != b.Region {
		// AWS redirects a HEAD sent to another region's endpoint; clients
		// read the bucket's region from the header.
		return ErrPermanentRedirect.Err().With("BucketName", t.Bucket).With("Endpoint", "s3."+b.Region+".amazonaws.com")
	}
	writeEmpty(w, http.StatusOK)
	return nil
}

func (s *Service) deleteBucket(w http.ResponseWriter, r *awsapi.Request, t target) error {
	err := s.env.DB.Update(func(tx *store.Tx) error {
		b, err := useBucket(tx, r, t.Bucket)
		if err != nil {
			return err
		}
		objs := openObjects(tx, b)
		empty, err := objs.empty()
		if err != nil {
			return err
		}
		if !empty {
			e := ErrBucketNotEmpty.Err().With("BucketName", t.Bucket)
			if b.Versioning != versioningOff {
				e.Message = "The bucket you tried to delete is not empty. You must delete all versions in the bucket."
			}
			return e
		}
		// Unfinished multipart uploads go with the bucket.
		ups, err := store.List[upload](objs.uploads, "")
		if err != nil {
			return err
		}
		for _, u := range ups {
			parts, err := store.List[part](objs.parts(u.ID), "")
			if err != nil {
				return err
			}
			for _, p := range parts {
				s.removeOnCommit(tx, []string{p.Blob})
			}
		}
		if err := registry(tx).Delete(t.Bucket); err != nil {
			return err
		}
		return bucketRoot(tx, b.Owner).DeleteSub(t.Bucket)
	})
	if err != nil {
		return err
	}
	writeEmpty(w, http.StatusNoContent)
	return nil
}

func (s *Service) getBucketLocation(w http.ResponseWriter, r *awsapi.Request, t target) error {
	b, err := s.viewBucket(r, t.Bucket)
	if err != nil {
		return err
	}
	loc := locationConstraint{}
	if b.Region != defaultRegion {
		loc.Region = b.Region
	}
	return writeXML(w, r, loc)
}

func (s *Service) listBuckets(w http.ResponseWriter, r *awsapi.Request, _ target) error {
	q := r.HTTP.URL.Query()
	max := 10000
	if v := q.Get("max-buckets"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			return errInvalidArgument("Argument max-buckets must be an integer between 1 and 10000.", "max-buckets", v)
		}
		max = n
	}
	after := ""
	if tok := q.Get("continuation-token"); tok != "" {
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil {
			return errInvalidArgument("The continuation token provided is incorrect", "continuation-token", tok)
		}
		after = string(raw)
	}
	prefix := q.Get("prefix")
	region := q.Get("bucket-region")
	if region != "" && !regions[region] {
		return errInvalidArgument("Argument value "+region+" is not a valid AWS Region", "bucket-region", region)
	}
	res := listAllMyBucketsResult{Owner: ownerOf(r.Account()), Prefix: prefix, Buckets: []bucketEntry{}}
	err := s.env.DB.View(func(tx *store.Tx) error {
		return registry(tx).Scan(prefix, after, func(k string, raw []byte) (bool, error) {
			b, err := decode[bucket](k, raw)
			if err != nil {
				return false, err
			}
			if b.Owner != r.Account() || (region != "" && b.Region != region) {
				return true, nil
			}
			if len(res.Buckets) == max {
				res.ContinuationToken = base64.RawURLEncoding.EncodeToString([]byte(res.Buckets[max-1].Name))
				return false, nil
			}
			res.Buckets = append(res.Buckets, bucketEntry{Name: b.Name, CreationDate: xmlTime(b.Created), BucketRegion: b.Region, BucketArn: s.bucketARN(b.Name)})
			return true, nil
		})
	})
	if err != nil {
		return err
	}
	return writeXML(w, r, res)
}
