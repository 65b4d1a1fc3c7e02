package route53

import (
	"bytes"
	"encoding/xml"
	"net/http"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// The Route 53 error codes fakeaws answers, with the HTTP statuses of the
// service model.
const (
	codeNoSuchHostedZone      = "NoSuchHostedZone"        // 404
	codeNoSuchChange          = "NoSuchChange"            // 404
	codeNoSuchHealthCheck     = "NoSuchHealthCheck"       // 404
	codeNoSuchDelegationSet   = "NoSuchDelegationSet"     // 400
	codeInvalidInput          = "InvalidInput"            // 400
	codeInvalidChangeBatch    = "InvalidChangeBatch"      // 400
	codeInvalidDomainName     = "InvalidDomainName"       // 400
	codeInvalidVPCID          = "InvalidVPCId"            // 400
	codeHostedZoneNotEmpty    = "HostedZoneNotEmpty"      // 400
	codeHostedZoneExists      = "HostedZoneAlreadyExists" // 409
	codeConflictingDomain     = "ConflictingDomainExists" // 400
	codePublicZoneVPC         = "PublicZoneVPCAssociation"
	codeVPCAssocNotFound      = "VPCAssociationNotFound" // 404
	codeLastVPCAssociation    = "LastVPCAssociation"
	codeHostedZoneNotPrivate  = "HostedZoneNotPrivate"
	codeTooManyHostedZones    = "TooManyHostedZones"
	codeInvalidAction         = "InvalidAction"
	msgHostedZoneNotEmpty     = "The specified hosted zone contains non-required resource record sets and so cannot be deleted."
	msgCallerReferenceReused  = "A hosted zone has already been created with the specified caller reference."
	msgInvalidVPCID           = "The VPC ID is invalid."
	msgVPCAssociationNotFound = "The specified VPC and hosted zone are not currently associated."
	msgLastVPCAssociation     = "The VPC that you're trying to disassociate from the private hosted zone is the last VPC that is associated with the hosted zone. Amazon Route 53 doesn't support disassociating the last VPC from a hosted zone."
)

func invalidInput(format string, args ...any) *awsapi.Error {
	return awsapi.BadRequest(codeInvalidInput, format, args...)
}

func noSuchZone(id string) *awsapi.Error {
	return awsapi.NotFound(codeNoSuchHostedZone, "No hosted zone found with ID: %s", id)
}

func noSuchChange(id string) *awsapi.Error {
	return awsapi.NotFound(codeNoSuchChange, "A change with the specified change ID does not exist: %s", id)
}

func invalidDomainName(n string) *awsapi.Error {
	return awsapi.BadRequest(codeInvalidDomainName, "%s is not a valid domain name.", n)
}

// changeBatchError is InvalidChangeBatch with one message per refused
// change. AWS sends it in its own document, <InvalidChangeBatch> with a
// <Messages> list, not in the <ErrorResponse> envelope, and the SDKs
// parse it from there.
type changeBatchError struct {
	Messages []string
}

func (e *changeBatchError) Error() string {
	return codeInvalidChangeBatch + ": " + joinMessages(e.Messages)
}

func joinMessages(ms []string) string {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, m := range ms {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(m)
	}
	b.WriteByte(']')
	return b.String()
}

// singleBatchError is InvalidChangeBatch in the ordinary envelope, as AWS
// answers the refusals it makes before looking at the zone's contents
// (a name outside the zone).
func singleBatchError(format string, args ...any) *awsapi.Error {
	return awsapi.BadRequest(codeInvalidChangeBatch, format, args...)
}

type xInvalidChangeBatch struct {
	XMLName   xml.Name `xml:"InvalidChangeBatch"`
	Xmlns     string   `xml:"xmlns,attr"`
	Messages  []string `xml:"Messages>Message"`
	RequestID string   `xml:"RequestId"`
}

func writeChangeBatchError(w http.ResponseWriter, r *awsapi.Request, e *changeBatchError) {
	body, err := awsapi.MarshalXML(xInvalidChangeBatch{Xmlns: xmlns, Messages: e.Messages, RequestID: r.RequestID})
	if err != nil {
		awsapi.WriteError(w, r, awsapi.ProtocolRESTXML, err)
		return
	}
	awsapi.WriteXMLBytes(w, http.StatusBadRequest, body)
}
