package s3

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// s3NS is the namespace of S3's XML documents.
const s3NS = "http://s3.amazonaws.com/doc/2006-03-01/"

// xmlTime is a timestamp as S3 writes it in XML bodies.
type xmlTime time.Time

// MarshalText implements encoding.TextMarshaler.
func (t xmlTime) MarshalText() ([]byte, error) {
	return []byte(time.Time(t).UTC().Format("2006-01-02T15:04:05.000Z")), nil
}

// httpTime formats a timestamp for Last-Modified and similar headers.
func httpTime(t time.Time) string { return t.UTC().Format(http.TimeFormat) }

// canonicalID is an account's S3 canonical user ID: 64 hex digits,
// stable for the account.
func canonicalID(account string) string {
	sum := sha256.Sum256([]byte("drydock-s3-canonical-user:" + account))
	return hex.EncodeToString(sum[:])
}

type owner struct {
	ID          string `xml:"ID"`
	DisplayName string `xml:"DisplayName,omitempty"`
}

func ownerOf(account string) *owner { return &owner{ID: canonicalID(account)} }

// writeXML writes a 200 response with an XML document.
func writeXML(w http.ResponseWriter, r *awsapi.Request, v any) error {
	body, err := awsapi.MarshalXML(v)
	if err != nil {
		return err
	}
	awsapi.WriteXMLBytes(w, http.StatusOK, body)
	return nil
}

// writeEmpty writes a response without a body.
func writeEmpty(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(status)
}

type listAllMyBucketsResult struct {
	XMLName           xml.Name      `xml:"http://s3.amazonaws.com/doc/2006-03-01/ ListAllMyBucketsResult"`
	Owner             *owner        `xml:"Owner"`
	Buckets           []bucketEntry `xml:"Buckets>Bucket"`
	ContinuationToken string        `xml:"ContinuationToken,omitempty"`
	Prefix            string        `xml:"Prefix,omitempty"`
}

type bucketEntry struct {
	Name         string  `xml:"Name"`
	CreationDate xmlTime `xml:"CreationDate"`
	BucketRegion string  `xml:"BucketRegion"`
	BucketArn    string  `xml:"BucketArn"`
}

type locationConstraint struct {
	XMLName xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ LocationConstraint"`
	Region  string   `xml:",chardata"`
}

type versioningConfiguration struct {
	XMLName   xml.Name `xml:"VersioningConfiguration"`
	Xmlns     string   `xml:"xmlns,attr,omitempty"`
	Status    *string  `xml:"Status"`
	MfaDelete *string  `xml:"MfaDelete"`
}

type serverSideEncryptionConfiguration struct {
	XMLName xml.Name `xml:"ServerSideEncryptionConfiguration"`
	Xmlns   string   `xml:"xmlns,attr,omitempty"`
	Rules   []sseXML `xml:"Rule"`
}

type sseXML struct {
	Default *struct {
		SSEAlgorithm   string `xml:"SSEAlgorithm"`
		KMSMasterKeyID string `xml:"KMSMasterKeyID,omitempty"`
	} `xml:"ApplyServerSideEncryptionByDefault"`
	BucketKeyEnabled *bool `xml:"BucketKeyEnabled"`
}

type tagging struct {
	XMLName xml.Name `xml:"Tagging"`
	Xmlns   string   `xml:"xmlns,attr,omitempty"`
	TagSet  *tagSet  `xml:"TagSet"`
}

type tagSet struct {
	Tags []tagXML `xml:"Tag"`
}

// tagXML is a tag as sent: Key and Value must both be present.
type tagXML struct {
	Key   *string `xml:"Key"`
	Value *string `xml:"Value"`
}

type ownershipControls struct {
	XMLName xml.Name `xml:"OwnershipControls"`
	Xmlns   string   `xml:"xmlns,attr,omitempty"`
	Rules   []struct {
		ObjectOwnership string `xml:"ObjectOwnership"`
	} `xml:"Rule"`
}

type publicAccessBlockConfiguration struct {
	XMLName xml.Name `xml:"PublicAccessBlockConfiguration"`
	Xmlns   string   `xml:"xmlns,attr,omitempty"`
	publicAccessBlock
}

type accelerateConfiguration struct {
	XMLName xml.Name `xml:"AccelerateConfiguration"`
	Xmlns   string   `xml:"xmlns,attr,omitempty"`
	Status  string   `xml:"Status,omitempty"`
}

type accessControlPolicy struct {
	XMLName xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ AccessControlPolicy"`
	Owner   *owner   `xml:"Owner"`
	Grants  []grant  `xml:"AccessControlList>Grant"`
}

type grant struct {
	Grantee    grantee `xml:"Grantee"`
	Permission string  `xml:"Permission"`
}

type grantee struct {
	XMLNSXsi string `xml:"xmlns:xsi,attr"`
	XsiType  string `xml:"xsi:type,attr"`
	ID       string `xml:"ID"`
}

// ownerACL is the ACL every bucket and object has without ACLs in use:
// the owner has FULL_CONTROL.
func ownerACL(account string) accessControlPolicy {
	return accessControlPolicy{
		Owner: ownerOf(account),
		Grants: []grant{{
			Grantee:    grantee{XMLNSXsi: "http://www.w3.org/2001/XMLSchema-instance", XsiType: "CanonicalUser", ID: canonicalID(account)},
			Permission: "FULL_CONTROL",
		}},
	}
}

type loggingStatus struct {
	XMLName xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ BucketLoggingStatus"`
}

type requestPayment struct {
	XMLName xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ RequestPaymentConfiguration"`
	Payer   string   `xml:"Payer"`
}

type notificationConfiguration struct {
	XMLName xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ NotificationConfiguration"`
}

type policyStatus struct {
	XMLName  xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ PolicyStatus"`
	IsPublic bool     `xml:"IsPublic"`
}

// checksumXML holds the checksum members of S3 result documents.
type checksumXML struct {
	ChecksumCRC32     string `xml:"ChecksumCRC32,omitempty"`
	ChecksumCRC32C    string `xml:"ChecksumCRC32C,omitempty"`
	ChecksumCRC64NVME string `xml:"ChecksumCRC64NVME,omitempty"`
	ChecksumSHA1      string `xml:"ChecksumSHA1,omitempty"`
	ChecksumSHA256    string `xml:"ChecksumSHA256,omitempty"`
	ChecksumSHA512    string `xml:"ChecksumSHA512,omitempty"`
	ChecksumMD5       string `xml:"ChecksumMD5,omitempty"`
	ChecksumType      string `xml:"ChecksumType,omitempty"`
}

func checksumFields(c checksum) checksumXML {
	var x checksumXML
	switch strings.ToUpper(c.Algorithm) {
	case "CRC32":
		x.ChecksumCRC32 = c.Value
	case "CRC32C":
		x.ChecksumCRC32C = c.Value
	case "CRC64NVME":
		x.ChecksumCRC64NVME = c.Value
	case "SHA1":
		x.ChecksumSHA1 = c.Value
	case "SHA256":
		x.ChecksumSHA256 = c.Value
	case "SHA512":
		x.ChecksumSHA512 = c.Value
	case "MD5":
		x.ChecksumMD5 = c.Value
	default:
		return x
	}
	x.ChecksumType = c.Type
	return x
}

type copyObjectResult struct {
	XMLName      xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ CopyObjectResult"`
	ETag         string   `xml:"ETag"`
	LastModified xmlTime  `xml:"LastModified"`
	checksumXML
}

type copyPartResult struct {
	XMLName      xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ CopyPartResult"`
	ETag         string   `xml:"ETag"`
	LastModified xmlTime  `xml:"LastModified"`
	checksumXML
}

type initiateMultipartUploadResult struct {
	XMLName  xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ InitiateMultipartUploadResult"`
	Bucket   string   `xml:"Bucket"`
	Key      string   `xml:"Key"`
	UploadID string   `xml:"UploadId"`
}

type completeMultipartUploadResult struct {
	XMLName  xml.Name `xml:"http://s3.amazonaws.com/doc/2006-03-01/ CompleteMultipartUploadResult"`
	Location string   `xml:"Location"`
	Bucket   string   `xml:"Bucket"`
	Key      string   `xml:"Key"`
	ETag     string   `xml:"ETag"`
	checksumXML
}

type deleteResultXML struct {
	XMLName xml.Name         `xml:"http://s3.amazonaws.com/doc/2006-03-01/ DeleteResult"`
	Deleted []deletedXML     `xml:"Deleted"`
	Errors  []deleteErrorXML `xml:"Error"`
}

type deletedXML struct {
	Key                   string `xml:"Key"`
	VersionID             string `xml:"VersionId,omitempty"`
	DeleteMarker          bool   `xml:"DeleteMarker,omitempty"`
	DeleteMarkerVersionID string `xml:"DeleteMarkerVersionId,omitempty"`
}

type deleteErrorXML struct {
	Key       string `xml:"Key"`
	VersionID string `xml:"VersionId,omitempty"`
	Code      string `xml:"Code"`
	Message   string `xml:"Message"`
}
