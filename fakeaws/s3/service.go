package s3

import (
	"context"
	"fmt"
	"strings"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/backend"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

// Config configures the S3 service.
type Config struct {
	// MaxObjectSize bounds one PutObject or UploadPart body.
	MaxObjectSize int64
	// VirtualHosts are extra host names under which BUCKET.HOST addresses
	// a bucket.
	VirtualHosts []string
}

// Service is the S3 service.
type Service struct {
	env      backend.Env
	cfg      Config
	hosts    []string // virtual-host suffixes besides amazonaws.com
	handlers map[string]handler
}

var _ awsapi.Service = (*Service)(nil)

// New returns the S3 service.
func New(env backend.Env, cfg Config) *Service {
	s := &Service{env: env, cfg: cfg, hosts: []string{"localhost"}}
	for _, h := range cfg.VirtualHosts {
		if h = strings.Trim(strings.ToLower(h), "."); h != "" {
			s.hosts = append(s.hosts, h)
		}
	}
	s.handlers = s.routes()
	return s
}

// Name implements awsapi.Service.
func (s *Service) Name() string { return "s3" }

// Protocol implements awsapi.Service.
func (s *Service) Protocol() awsapi.Protocol { return awsapi.ProtocolS3 }

func (s *Service) routes() map[string]handler {
	return map[string]handler{
		"ListBuckets":       s.listBuckets,
		"CreateBucket":      s.createBucket,
		"HeadBucket":        s.headBucket,
		"DeleteBucket":      s.deleteBucket,
		"GetBucketLocation": s.getBucketLocation,

		"GetBucketVersioning":              s.getBucketVersioning,
		"PutBucketVersioning":              s.putBucketVersioning,
		"GetBucketEncryption":              s.getBucketEncryption,
		"PutBucketEncryption":              s.putBucketEncryption,
		"DeleteBucketEncryption":           s.deleteBucketEncryption,
		"GetBucketTagging":                 s.getBucketTagging,
		"PutBucketTagging":                 s.putBucketTagging,
		"DeleteBucketTagging":              s.deleteBucketTagging,
		"GetBucketPolicy":                  s.getBucketPolicy,
		"PutBucketPolicy":                  s.putBucketPolicy,
		"DeleteBucketPolicy":               s.deleteBucketPolicy,
		"GetBucketOwnershipControls":       s.getOwnershipControls,
		"PutBucketOwnershipControls":       s.putOwnershipControls,
		"DeleteBucketOwnershipControls":    s.deleteOwnershipControls,
		"GetPublicAccessBlock":             s.getPublicAccessBlock,
		"PutPublicAccessBlock":             s.putPublicAccessBlock,
		"DeletePublicAccessBlock":          s.deletePublicAccessBlock,
		"GetBucketAccelerateConfiguration": s.getAccelerate,
		"PutBucketAccelerateConfiguration": s.putAccelerate,
		"GetBucketAcl":                     s.getBucketACL,
		"PutBucketAcl":                     s.putACL,

		"GetBucketCors":                      s.missingConfig(ErrNoSuchCORSConfiguration),
		"DeleteBucketCors":                   s.noContent,
		"GetBucketWebsite":                   s.missingConfig(ErrNoSuchWebsiteConfiguration),
		"DeleteBucketWebsite":                s.noContent,
		"GetBucketLifecycleConfiguration":    s.missingConfig(ErrNoSuchLifecycleConfiguration),
		"DeleteBucketLifecycle":              s.noContent,
		"GetBucketReplication":               s.missingConfig(ErrReplicationConfigurationNotFound),
		"DeleteBucketReplication":            s.noContent,
		"GetObjectLockConfiguration":         s.missingConfig(ErrObjectLockConfigurationNotFound),
		"GetBucketLogging":                   s.fixedConfig(loggingStatus{}),
		"GetBucketRequestPayment":            s.fixedConfig(requestPayment{Payer: "BucketOwner"}),
		"GetBucketNotificationConfiguration": s.fixedConfig(notificationConfiguration{}),
		"GetBucketPolicyStatus":              s.getPolicyStatus,

		"PutObject":           s.putObject,
		"GetObject":           s.getObject,
		"HeadObject":          s.getObject,
		"DeleteObject":        s.deleteObject,
		"DeleteObjects":       s.deleteObjects,
		"CopyObject":          s.copyObject,
		"GetObjectAcl":        s.getObjectACL,
		"PutObjectAcl":        s.putACL,
		"GetObjectTagging":    s.getObjectTagging,
		"PutObjectTagging":    s.putObjectTagging,
		"DeleteObjectTagging": s.deleteObjectTagging,

		"ListObjects":        s.listObjectsV1,
		"ListObjectsV2":      s.listObjectsV2,
		"ListObjectVersions": s.listObjectVersions,

		"CreateMultipartUpload":   s.createMultipartUpload,
		"UploadPart":              s.uploadPart,
		"UploadPartCopy":          s.uploadPartCopy,
		"CompleteMultipartUpload": s.completeMultipartUpload,
		"AbortMultipartUpload":    s.abortMultipartUpload,
		"ListMultipartUploads":    s.listMultipartUploads,
		"ListParts":               s.listParts,
	}
}

// Start removes blobs orphaned by a crash between storing a body and
// committing the state that references it.
func (s *Service) Start(ctx context.Context) error {
	live := map[string]bool{}
	err := s.env.DB.View(func(tx *store.Tx) error {
		var buckets []bucket
		buckets, err := store.List[bucket](registry(tx), "")
		if err != nil {
			return err
		}
		for i := range buckets {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := liveBlobs(tx, &buckets[i], live); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("s3: list live blobs: %w", err)
	}
	if err := s.env.DB.Blobs().Sweep(func(id string) bool { return live[id] }); err != nil {
		return fmt.Errorf("s3: sweep orphaned blobs: %w", err)
	}
	return nil
}

// liveBlobs adds the blobs referenced by b's versions and parts to live.
func liveBlobs(tx *store.Tx, b *bucket, live map[string]bool) error {
	objs := openObjects(tx, b)
	err := objs.ver.Scan("", "", func(k string, raw []byte) (bool, error) {
		obj, err := decode[object](k, raw)
		if err != nil {
			return false, err
		}
		for _, id := range obj.blobIDs() {
			live[id] = true
		}
		return true, nil
	})
	if err != nil {
		return err
	}
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
			live[p.Blob] = true
		}
	}
	return nil
}
