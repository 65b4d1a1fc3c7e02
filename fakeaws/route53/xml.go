package route53

import (
	"encoding/xml"
	"errors"
	"io"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
)

// xmlns is the namespace of every Route 53 document.
const xmlns = "https://route53.amazonaws.com/doc/2013-04-01/"

// Shapes shared by requests and responses, named as in the model.

type xHostedZone struct {
	ID                     string       `xml:"Id"`
	Name                   string       `xml:"Name"`
	CallerReference        string       `xml:"CallerReference"`
	Config                 *xZoneConfig `xml:"Config,omitempty"`
	ResourceRecordSetCount int64        `xml:"ResourceRecordSetCount"`
}

type xZoneConfig struct {
	Comment     string `xml:"Comment,omitempty"`
	PrivateZone bool   `xml:"PrivateZone"`
}

type xChangeInfo struct {
	ID          string `xml:"Id"`
	Status      string `xml:"Status"`
	SubmittedAt string `xml:"SubmittedAt"`
	Comment     string `xml:"Comment,omitempty"`
}

type xDelegationSet struct {
	NameServers []string `xml:"NameServers>NameServer"`
}

type xVPC struct {
	VPCRegion string `xml:"VPCRegion,omitempty"`
	VPCId     string `xml:"VPCId,omitempty"`
}

type xTag struct {
	Key   string `xml:"Key"`
	Value string `xml:"Value"`
}

type xRRSet struct {
	Name                    string        `xml:"Name"`
	Type                    string        `xml:"Type"`
	SetIdentifier           string        `xml:"SetIdentifier,omitempty"`
	Weight                  *int64        `xml:"Weight,omitempty"`
	Region                  string        `xml:"Region,omitempty"`
	GeoLocation             *xGeo         `xml:"GeoLocation,omitempty"`
	Failover                string        `xml:"Failover,omitempty"`
	MultiValueAnswer        *bool         `xml:"MultiValueAnswer,omitempty"`
	TTL                     *int64        `xml:"TTL,omitempty"`
	ResourceRecords         *xRecords     `xml:"ResourceRecords,omitempty"`
	AliasTarget             *xAlias       `xml:"AliasTarget,omitempty"`
	HealthCheckID           string        `xml:"HealthCheckId,omitempty"`
	TrafficPolicyInstanceID string        `xml:"TrafficPolicyInstanceId,omitempty"`
	CidrRoutingConfig       *xUnsupported `xml:"CidrRoutingConfig,omitempty"`
	GeoProximityLocation    *xUnsupported `xml:"GeoProximityLocation,omitempty"`
}

type xRecords struct {
	Items []xRecord `xml:"ResourceRecord"`
}

type xRecord struct {
	Value string `xml:"Value"`
}

type xGeo struct {
	ContinentCode   string `xml:"ContinentCode,omitempty"`
	CountryCode     string `xml:"CountryCode,omitempty"`
	SubdivisionCode string `xml:"SubdivisionCode,omitempty"`
}

type xAlias struct {
	HostedZoneID         string `xml:"HostedZoneId"`
	DNSName              string `xml:"DNSName"`
	EvaluateTargetHealth bool   `xml:"EvaluateTargetHealth"`
}

// xUnsupported is a routing configuration fakeaws accepts on the wire but
// does not serve; it is refused with InvalidInput.
type xUnsupported struct {
	Inner string `xml:",innerxml"`
}

// decodeXML reads one request document into v. Malformed XML, a wrong
// root element or a value of the wrong type is InvalidInput; an error of
// the transport (a body over the size limit, a bad chunk signature) is
// passed through.
func decodeXML(body io.Reader, v any) error {
	if body == nil {
		return invalidInput("The request body is empty; an XML document was expected.")
	}
	err := xml.NewDecoder(body).Decode(v)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, io.EOF):
		return invalidInput("The request body is empty; an XML document was expected.")
	}
	var ae *awsapi.Error
	if errors.As(err, &ae) {
		return ae
	}
	return invalidInput("Could not parse the request XML: %v", err)
}
