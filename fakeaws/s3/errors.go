package s3

import (
	"net/http"
	"strconv"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// ErrorCode is an S3 error code. It knows its HTTP status and AWS's
// default message; Err turns it into an *awsapi.Error for the wire.
type ErrorCode string

// The S3 error codes fakeaws answers with.
const (
	ErrAccessDenied                     ErrorCode = "AccessDenied"
	ErrBadDigest                        ErrorCode = "BadDigest"
	ErrBucketAlreadyExists              ErrorCode = "BucketAlreadyExists"
	ErrBucketAlreadyOwnedByYou          ErrorCode = "BucketAlreadyOwnedByYou"
	ErrBucketNotEmpty                   ErrorCode = "BucketNotEmpty"
	ErrConditionalRequestConflict       ErrorCode = "ConditionalRequestConflict"
	ErrEntityTooLarge                   ErrorCode = "EntityTooLarge"
	ErrEntityTooSmall                   ErrorCode = "EntityTooSmall"
	ErrIllegalLocationConstraint        ErrorCode = "IllegalLocationConstraintException"
	ErrIllegalVersioningConfiguration   ErrorCode = "IllegalVersioningConfigurationException"
	ErrIncompleteBody                   ErrorCode = "IncompleteBody"
	ErrInternalError                    ErrorCode = "InternalError"
	ErrInvalidArgument                  ErrorCode = "InvalidArgument"
	ErrInvalidBucketName                ErrorCode = "InvalidBucketName"
	ErrInvalidDigest                    ErrorCode = "InvalidDigest"
	ErrInvalidLocationConstraint        ErrorCode = "InvalidLocationConstraint"
	ErrInvalidPart                      ErrorCode = "InvalidPart"
	ErrInvalidPartNumber                ErrorCode = "InvalidPartNumber"
	ErrInvalidPartOrder                 ErrorCode = "InvalidPartOrder"
	ErrInvalidRange                     ErrorCode = "InvalidRange"
	ErrInvalidRequest                   ErrorCode = "InvalidRequest"
	ErrInvalidTag                       ErrorCode = "InvalidTag"
	ErrKeyTooLong                       ErrorCode = "KeyTooLongError"
	ErrMalformedPolicy                  ErrorCode = "MalformedPolicy"
	ErrMalformedXML                     ErrorCode = "MalformedXML"
	ErrMetadataTooLarge                 ErrorCode = "MetadataTooLarge"
	ErrMethodNotAllowed                 ErrorCode = "MethodNotAllowed"
	ErrNoSuchBucket                     ErrorCode = "NoSuchBucket"
	ErrNoSuchBucketPolicy               ErrorCode = "NoSuchBucketPolicy"
	ErrNoSuchCORSConfiguration          ErrorCode = "NoSuchCORSConfiguration"
	ErrNoSuchKey                        ErrorCode = "NoSuchKey"
	ErrNoSuchLifecycleConfiguration     ErrorCode = "NoSuchLifecycleConfiguration"
	ErrNoSuchPublicAccessBlock          ErrorCode = "NoSuchPublicAccessBlockConfiguration"
	ErrNoSuchTagSet                     ErrorCode = "NoSuchTagSet"
	ErrNoSuchUpload                     ErrorCode = "NoSuchUpload"
	ErrNoSuchVersion                    ErrorCode = "NoSuchVersion"
	ErrNoSuchWebsiteConfiguration       ErrorCode = "NoSuchWebsiteConfiguration"
	ErrNotImplemented                   ErrorCode = "NotImplemented"
	ErrObjectLockConfigurationNotFound  ErrorCode = "ObjectLockConfigurationNotFoundError"
	ErrOwnershipControlsNotFound        ErrorCode = "OwnershipControlsNotFoundError"
	ErrPermanentRedirect                ErrorCode = "PermanentRedirect"
	ErrPreconditionFailed               ErrorCode = "PreconditionFailed"
	ErrReplicationConfigurationNotFound ErrorCode = "ReplicationConfigurationNotFoundError"
	ErrServerSideEncryptionNotFound     ErrorCode = "ServerSideEncryptionConfigurationNotFoundError"
)

type codeInfo struct {
	status  int
	message string
}

var codes = map[ErrorCode]codeInfo{
	ErrAccessDenied:                     {http.StatusForbidden, "Access Denied"},
	ErrBadDigest:                        {http.StatusBadRequest, "The Content-MD5 you specified did not match what we received."},
	ErrBucketAlreadyExists:              {http.StatusConflict, "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again."},
	ErrBucketAlreadyOwnedByYou:          {http.StatusConflict, "Your previous request to create the named bucket succeeded and you already own it."},
	ErrBucketNotEmpty:                   {http.StatusConflict, "The bucket you tried to delete is not empty"},
	ErrConditionalRequestConflict:       {http.StatusConflict, "The conditional request cannot succeed due to a conflicting operation against this resource."},
	ErrEntityTooLarge:                   {http.StatusBadRequest, "Your proposed upload exceeds the maximum allowed size"},
	ErrEntityTooSmall:                   {http.StatusBadRequest, "Your proposed upload is smaller than the minimum allowed size"},
	ErrIllegalLocationConstraint:        {http.StatusBadRequest, "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to."},
	ErrIllegalVersioningConfiguration:   {http.StatusBadRequest, "The Versioning element must be specified"},
	ErrIncompleteBody:                   {http.StatusBadRequest, "You did not provide the number of bytes specified by the Content-Length HTTP header"},
	ErrInternalError:                    {http.StatusInternalServerError, "We encountered an internal error. Please try again."},
	ErrInvalidArgument:                  {http.StatusBadRequest, "Invalid Argument"},
	ErrInvalidBucketName:                {http.StatusBadRequest, "The specified bucket is not valid."},
	ErrInvalidDigest:                    {http.StatusBadRequest, "The Content-MD5 you specified was invalid."},
	ErrInvalidLocationConstraint:        {http.StatusBadRequest, "The specified location-constraint is not valid"},
	ErrInvalidPart:                      {http.StatusBadRequest, "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."},
	ErrInvalidPartNumber:                {http.StatusRequestedRangeNotSatisfiable, "The requested partnumber is not satisfiable"},
	ErrInvalidPartOrder:                 {http.StatusBadRequest, "The list of parts was not in ascending order. Parts must be ordered by part number."},
	ErrInvalidRange:                     {http.StatusRequestedRangeNotSatisfiable, "The requested range is not satisfiable"},
	ErrInvalidRequest:                   {http.StatusBadRequest, "Invalid Request"},
	ErrInvalidTag:                       {http.StatusBadRequest, "The TagKey you have provided is invalid"},
	ErrKeyTooLong:                       {http.StatusBadRequest, "Your key is too long"},
	ErrMalformedPolicy:                  {http.StatusBadRequest, "Policies must be valid JSON and the first byte must be '{'"},
	ErrMalformedXML:                     {http.StatusBadRequest, "The XML you provided was not well-formed or did not validate against our published schema"},
	ErrMetadataTooLarge:                 {http.StatusBadRequest, "Your metadata headers exceed the maximum allowed metadata size"},
	ErrMethodNotAllowed:                 {http.StatusMethodNotAllowed, "The specified method is not allowed against this resource."},
	ErrNoSuchBucket:                     {http.StatusNotFound, "The specified bucket does not exist"},
	ErrNoSuchBucketPolicy:               {http.StatusNotFound, "The bucket policy does not exist"},
	ErrNoSuchCORSConfiguration:          {http.StatusNotFound, "The CORS configuration does not exist"},
	ErrNoSuchKey:                        {http.StatusNotFound, "The specified key does not exist."},
	ErrNoSuchLifecycleConfiguration:     {http.StatusNotFound, "The lifecycle configuration does not exist"},
	ErrNoSuchPublicAccessBlock:          {http.StatusNotFound, "The public access block configuration was not found"},
	ErrNoSuchTagSet:                     {http.StatusNotFound, "The TagSet does not exist"},
	ErrNoSuchUpload:                     {http.StatusNotFound, "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."},
	ErrNoSuchVersion:                    {http.StatusNotFound, "The specified version does not exist."},
	ErrNoSuchWebsiteConfiguration:       {http.StatusNotFound, "The specified bucket does not have a website configuration"},
	ErrNotImplemented:                   {http.StatusNotImplemented, "A header you provided implies functionality that is not implemented"},
	ErrObjectLockConfigurationNotFound:  {http.StatusNotFound, "Object Lock configuration does not exist for this bucket"},
	ErrOwnershipControlsNotFound:        {http.StatusNotFound, "The bucket ownership controls were not found"},
	ErrPermanentRedirect:                {http.StatusMovedPermanently, "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint."},
	ErrPreconditionFailed:               {http.StatusPreconditionFailed, "At least one of the pre-conditions you specified did not hold"},
	ErrReplicationConfigurationNotFound: {http.StatusNotFound, "The replication configuration was not found"},
	ErrServerSideEncryptionNotFound:     {http.StatusNotFound, "The server side encryption configuration was not found"},
}

// Status is the HTTP status S3 answers the code with.
func (c ErrorCode) Status() int {
	if i, ok := codes[c]; ok {
		return i.status
	}
	return http.StatusBadRequest
}

// Err is the code as an AWS error with AWS's default message.
func (c ErrorCode) Err() *awsapi.Error {
	return &awsapi.Error{Code: string(c), Message: codes[c].message, Status: c.Status()}
}

// Msg is the code as an AWS error with another message.
func (c ErrorCode) Msg(message string) *awsapi.Error {
	e := c.Err()
	e.Message = message
	return e
}

func errNoSuchBucket(bucket string) *awsapi.Error {
	return ErrNoSuchBucket.Err().With("BucketName", bucket)
}

func errNoSuchKey(key string) *awsapi.Error { return ErrNoSuchKey.Err().With("Key", key) }

func errNoSuchVersion(key, version string) *awsapi.Error {
	return ErrNoSuchVersion.Err().With("Key", key).With("VersionId", version)
}

func errNoSuchUpload(uploadID string) *awsapi.Error {
	return ErrNoSuchUpload.Err().With("UploadId", uploadID)
}

// errInvalidArgument is InvalidArgument naming the argument at fault.
func errInvalidArgument(message, name, value string) *awsapi.Error {
	return ErrInvalidArgument.Msg(message).With("ArgumentName", name).With("ArgumentValue", value)
}

func errInvalidVersionID(version string) *awsapi.Error {
	return errInvalidArgument("Invalid version id specified", "versionId", version)
}

func errPrecondition(condition string) *awsapi.Error {
	return ErrPreconditionFailed.Err().With("Condition", condition)
}

// errNotImplementedHeader is AWS's answer to a conditional-write header
// value it does not support.
func errNotImplementedHeader(header, detail string) *awsapi.Error {
	return ErrNotImplemented.Err().With("Header", header).With("additionalMessage", detail)
}

// errNotImplementedOp names an S3 operation fakeaws does not serve.
func errNotImplementedOp(op string) *awsapi.Error {
	return ErrNotImplemented.Msg("The "+op+" operation is not implemented by fakeaws").With("Operation", op)
}

func errMalformedXML() *awsapi.Error { return ErrMalformedXML.Err() }

func errInvalidRange(requested string, size int64) *awsapi.Error {
	return ErrInvalidRange.Err().With("RangeRequested", requested).With("ActualObjectSize", strconv.FormatInt(size, 10))
}

func errEntityTooLarge(proposed, max int64) *awsapi.Error {
	return ErrEntityTooLarge.Err().With("ProposedSize", strconv.FormatInt(proposed, 10)).With("MaxSizeAllowed", strconv.FormatInt(max, 10))
}
