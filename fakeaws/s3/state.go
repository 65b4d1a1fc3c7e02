package s3

import (
	"time"
)

// Versioning states of a bucket: never enabled, enabled, suspended.
const (
	versioningOff       = ""
	versioningEnabled   = "Enabled"
	versioningSuspended = "Suspended"
)

// nullVersion is the version ID of objects written while versioning is
// off or suspended.
const nullVersion = "null"

// bucket is one S3 bucket as kept in the global registry: names are
// unique across accounts, so the registry is not per account. Its objects
// live under the owner's account.
type bucket struct {
	Name       string    `json:"name"`
	Owner      string    `json:"owner"` // account ID
	Region     string    `json:"region"`
	Created    time.Time `json:"created"`
	Versioning string    `json:"versioning,omitempty"`
	Tags       []tag     `json:"tags,omitempty"`
	// Encryption is the default encryption rule; nil means AWS's default
	// (SSE-S3, AES256).
	Encryption *sseRule `json:"encryption,omitempty"`
	// Ownership is the object-ownership rule; "" once deleted.
	Ownership string `json:"ownership,omitempty"`
	// PublicAccessBlock is nil once deleted.
	PublicAccessBlock *publicAccessBlock `json:"publicAccessBlock,omitempty"`
	Policy            string             `json:"policy,omitempty"`
	Accelerate        string             `json:"accelerate,omitempty"`
}

type tag struct {
	Key   string `json:"k" xml:"Key"`
	Value string `json:"v" xml:"Value"`
}

type sseRule struct {
	Algorithm        string `json:"alg"`
	KMSKeyID         string `json:"kms,omitempty"`
	BucketKeyEnabled bool   `json:"bke,omitempty"`
}

type publicAccessBlock struct {
	BlockPublicAcls       bool `json:"bpa" xml:"BlockPublicAcls"`
	IgnorePublicAcls      bool `json:"ipa" xml:"IgnorePublicAcls"`
	BlockPublicPolicy     bool `json:"bpp" xml:"BlockPublicPolicy"`
	RestrictPublicBuckets bool `json:"rpb" xml:"RestrictPublicBuckets"`
}

// object is one version of an object, or a delete marker.
type object struct {
	Key          string    `json:"key"`
	VersionID    string    `json:"vid"`
	Seq          uint64    `json:"seq"`
	DeleteMarker bool      `json:"dm,omitempty"`
	LastModified time.Time `json:"mtime"`
	Owner        string    `json:"owner"`
	Size         int64     `json:"size,omitempty"`
	ETag         string    `json:"etag,omitempty"` // quoted
	// Blobs hold the body, in order: one for a simple object, one per
	// part for a completed multipart upload.
	Blobs []blobRef `json:"blobs,omitempty"`
	// Multipart is set for objects made by CompleteMultipartUpload: each
	// blob is one part.
	Multipart bool       `json:"mp,omitempty"`
	Checksum  checksum   `json:"checksum,omitzero"`
	Header    objectMeta `json:"meta,omitzero"`
	Tags      []tag      `json:"tags,omitempty"`
}

type blobRef struct {
	ID   string `json:"id"`
	Size int64  `json:"size"`
	// Checksum is the part's own checksum, for multipart objects.
	Checksum string `json:"ck,omitempty"`
}

// objectMeta is what a client sets on an object and gets back on GET.
type objectMeta struct {
	ContentType        string            `json:"ct,omitempty"`
	CacheControl       string            `json:"cc,omitempty"`
	ContentDisposition string            `json:"cd,omitempty"`
	ContentEncoding    string            `json:"ce,omitempty"`
	ContentLanguage    string            `json:"cl,omitempty"`
	Expires            string            `json:"exp,omitempty"`
	StorageClass       string            `json:"sc,omitempty"`
	WebsiteRedirect    string            `json:"wr,omitempty"`
	Metadata           map[string]string `json:"m,omitempty"` // lower-case names without x-amz-meta-
}

func (o *object) blobIDs() []string {
	ids := make([]string, 0, len(o.Blobs))
	for _, b := range o.Blobs {
		ids = append(ids, b.ID)
	}
	return ids
}

// upload is a multipart upload in progress.
type upload struct {
	ID        string     `json:"id"`
	Key       string     `json:"key"`
	Initiated time.Time  `json:"initiated"`
	Seq       uint64     `json:"seq"`
	Owner     string     `json:"owner"`
	Header    objectMeta `json:"meta,omitzero"`
	Tags      []tag      `json:"tags,omitempty"`
	// Algorithm and Type are the checksum the upload was created with
	// (Algorithm "" when none was asked for).
	Algorithm    string `json:"alg,omitempty"`
	ChecksumType string `json:"ctype,omitempty"`
	// BaseSeq is the Seq of the key's current version when the upload
	// started (0 when none), to detect a conflicting write on a
	// conditional CompleteMultipartUpload.
	BaseSeq uint64 `json:"base,omitempty"`
}

// part is one uploaded part of a multipart upload.
type part struct {
	Number int    `json:"n"`
	Blob   string `json:"blob"`
	Size   int64  `json:"size"`
	ETag   string `json:"etag"` // quoted
	MD5    []byte `json:"md5"`
	// Algorithm and Checksum are the part's checksum: of the upload's
	// algorithm, or of the one the client chose for this part.
	Algorithm string `json:"alg,omitempty"`
	Checksum  string `json:"ck,omitempty"` // base64
	// Default is the part's CRC64NVME, kept when the upload has no
	// algorithm, for the object's default full-object checksum.
	Default      string    `json:"crc64,omitempty"`
	LastModified time.Time `json:"mtime"`
}
