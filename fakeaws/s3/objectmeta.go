package s3

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

const (
	defaultContentType = "binary/octet-stream"
	maxMetadataSize    = 2048
	metaPrefix         = "x-amz-meta-"
)

var storageClasses = map[string]bool{
	"STANDARD": true, "REDUCED_REDUNDANCY": true, "STANDARD_IA": true, "ONEZONE_IA": true,
	"INTELLIGENT_TIERING": true, "GLACIER": true, "DEEP_ARCHIVE": true, "OUTPOSTS": true,
	"GLACIER_IR": true, "SNOW": true, "EXPRESS_ONEZONE": true, "FSX_OPENZFS": true,
}

// parseObjectMeta reads what a client sets on a new object: content
// headers, storage class, user metadata.
func parseObjectMeta(h http.Header) (objectMeta, error) {
	m := objectMeta{
		ContentType:        h.Get("Content-Type"),
		CacheControl:       h.Get("Cache-Control"),
		ContentDisposition: h.Get("Content-Disposition"),
		ContentEncoding:    contentEncoding(h),
		ContentLanguage:    h.Get("Content-Language"),
		Expires:            h.Get("Expires"),
		WebsiteRedirect:    h.Get("X-Amz-Website-Redirect-Location"),
	}
	if m.ContentType == "" {
		m.ContentType = defaultContentType
	}
	if sc := h.Get("X-Amz-Storage-Class"); sc != "" {
		if !storageClasses[sc] {
			return m, awsapi.BadRequest("InvalidStorageClass", "The storage class you specified is not valid").With("StorageClassRequested", sc)
		}
		if sc != "STANDARD" {
			m.StorageClass = sc
		}
	}
	if sse := h.Get("X-Amz-Server-Side-Encryption"); sse != "" && sse != "AES256" && sse != "aws:kms" && sse != "aws:kms:dsse" {
		return m, errInvalidArgument("The encryption method specified is not supported", "x-amz-server-side-encryption", sse)
	}
	size := 0
	for k, vs := range h {
		name, ok := strings.CutPrefix(strings.ToLower(k), metaPrefix)
		if !ok || name == "" {
			continue
		}
		v := strings.Join(vs, ",")
		if m.Metadata == nil {
			m.Metadata = map[string]string{}
		}
		m.Metadata[name] = v
		size += len(name) + len(v)
	}
	if size > maxMetadataSize {
		return m, ErrMetadataTooLarge.Err().With("Size", strconv.Itoa(size)).With("MaxSizeAllowed", strconv.Itoa(maxMetadataSize))
	}
	return m, nil
}

// contentEncoding is Content-Encoding without the aws-chunked transfer
// coding, which is not part of the object.
func contentEncoding(h http.Header) string {
	var keep []string
	for _, part := range strings.Split(h.Get("Content-Encoding"), ",") {
		part = strings.TrimSpace(part)
		if part != "" && !strings.EqualFold(part, "aws-chunked") {
			keep = append(keep, part)
		}
	}
	return strings.Join(keep, ",")
}

// responseOverrides are the response-* query parameters of GetObject.
var responseOverrides = map[string]string{
	"response-content-type":        "Content-Type",
	"response-content-language":    "Content-Language",
	"response-expires":             "Expires",
	"response-cache-control":       "Cache-Control",
	"response-content-disposition": "Content-Disposition",
	"response-content-encoding":    "Content-Encoding",
}

// setObjectHeaders writes the headers of a GET or HEAD response for obj.
func setObjectHeaders(h http.Header, b *bucket, obj *object, q url.Values) {
	m := obj.Header
	set := func(name, v string) {
		if v != "" {
			h.Set(name, v)
		}
	}
	set("Content-Type", m.ContentType)
	set("Cache-Control", m.CacheControl)
	set("Content-Disposition", m.ContentDisposition)
	set("Content-Encoding", m.ContentEncoding)
	set("Content-Language", m.ContentLanguage)
	set("Expires", m.Expires)
	set("x-amz-website-redirect-location", m.WebsiteRedirect)
	set("x-amz-storage-class", m.StorageClass)
	h.Set("ETag", obj.ETag)
	h.Set("Last-Modified", httpTime(obj.LastModified))
	h.Set("Accept-Ranges", "bytes")
	setVersionHeader(h, obj.VersionID)
	setEncryptionHeaders(h, b)
	names := make([]string, 0, len(m.Metadata))
	for k := range m.Metadata {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		h.Set(metaPrefix+k, m.Metadata[k])
	}
	if len(obj.Tags) > 0 {
		h.Set("x-amz-tagging-count", strconv.Itoa(len(obj.Tags)))
	}
	for param, header := range responseOverrides {
		if v := q.Get(param); v != "" {
			h.Set(header, v)
		}
	}
}

// setVersionHeader names the version a response is about; the null
// version is not named.
func setVersionHeader(h http.Header, id string) {
	if id != "" && id != nullVersion {
		h.Set("x-amz-version-id", id)
	}
}

// setEncryptionHeaders says how the object is encrypted at rest: with the
// bucket's default encryption.
func setEncryptionHeaders(h http.Header, b *bucket) {
	alg := "AES256"
	if b.Encryption != nil {
		alg = b.Encryption.Algorithm
		if b.Encryption.KMSKeyID != "" {
			h.Set("x-amz-server-side-encryption-aws-kms-key-id", b.Encryption.KMSKeyID)
		}
		if b.Encryption.BucketKeyEnabled {
			h.Set("x-amz-server-side-encryption-bucket-key-enabled", "true")
		}
	}
	h.Set("x-amz-server-side-encryption", alg)
}

// lastModified is the timestamp of a write: S3 keeps whole seconds.
func lastModified(r *awsapi.Request) time.Time { return r.Now.UTC().Truncate(time.Second) }
