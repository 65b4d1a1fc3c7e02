package awsapi

import (
	"io"
	"net/http"
	"time"
)

// Caller is the authenticated principal behind a request.
type Caller struct {
	AccessKey string
	Account   string
	// ARN is the principal's ARN: arn:aws:iam::ACCOUNT:root for account
	// keys, arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION for temporary ones.
	ARN string
	// UserID is what GetCallerIdentity answers as UserId.
	UserID string
}

// Request is one AWS API call as a service handler sees it, after routing
// and authentication.
type Request struct {
	HTTP *http.Request
	// Body is the request payload with any aws-chunked framing removed and
	// chunk signatures verified. It is limited in size by the server.
	Body io.Reader
	// ContentLength is the decoded payload length, -1 when unknown.
	ContentLength int64
	// Trailer holds the trailing headers of an aws-chunked body
	// (x-amz-checksum-*), filled in once Body has been read to the end.
	Trailer http.Header

	Service   string // SigV4 signing name: s3, iam, sts, ec2, ...
	Region    string // from the credential scope
	Caller    Caller
	RequestID string
	Now       time.Time
}

// Account is the account that owns whatever this request creates or reads.
func (r *Request) Account() string { return r.Caller.Account }

// Protocol is the wire protocol family of a service.
type Protocol int

const (
	// ProtocolQuery is the AWS query protocol (IAM, STS, AutoScaling, ELBv2).
	ProtocolQuery Protocol = iota
	// ProtocolEC2 is EC2's variant of the query protocol.
	ProtocolEC2
	// ProtocolRESTXML is rest-xml as Route53 speaks it.
	ProtocolRESTXML
	// ProtocolS3 is rest-xml as S3 speaks it, with S3's error envelope.
	ProtocolS3
)

// Service is one AWS service served by fakeaws.
type Service interface {
	// Name is the service's SigV4 signing name.
	Name() string
	Protocol() Protocol
	Serve(w http.ResponseWriter, r *Request)
}

// ActionService is a query-protocol service that can say whether it knows
// an action, so that unsigned requests can be routed by Action.
type ActionService interface {
	Service
	HasAction(name string) bool
}
