package route53

import (
	"encoding/xml"
	"net/http"
	"regexp"
	"unicode/utf8"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type xCreateZoneRequest struct {
	XMLName          xml.Name        `xml:"CreateHostedZoneRequest"`
	Name             string          `xml:"Name"`
	VPC              *xVPC           `xml:"VPC"`
	CallerReference  string          `xml:"CallerReference"`
	HostedZoneConfig *xZoneConfigReq `xml:"HostedZoneConfig"`
	DelegationSetID  string          `xml:"DelegationSetId"`
}

type xZoneConfigReq struct {
	Comment     string `xml:"Comment"`
	PrivateZone bool   `xml:"PrivateZone"`
}

type xCreateZoneResponse struct {
	XMLName       xml.Name        `xml:"CreateHostedZoneResponse"`
	Xmlns         string          `xml:"xmlns,attr"`
	HostedZone    xHostedZone     `xml:"HostedZone"`
	ChangeInfo    xChangeInfo     `xml:"ChangeInfo"`
	DelegationSet *xDelegationSet `xml:"DelegationSet,omitempty"`
	VPC           *xVPC           `xml:"VPC,omitempty"`
}

type xGetZoneResponse struct {
	XMLName       xml.Name        `xml:"GetHostedZoneResponse"`
	Xmlns         string          `xml:"xmlns,attr"`
	HostedZone    xHostedZone     `xml:"HostedZone"`
	DelegationSet *xDelegationSet `xml:"DelegationSet,omitempty"`
	VPCs          *xVPCList       `xml:"VPCs,omitempty"`
}

type xVPCList struct {
	Items []xVPC `xml:"VPC"`
}

type xDeleteZoneResponse struct {
	XMLName    xml.Name    `xml:"DeleteHostedZoneResponse"`
	Xmlns      string      `xml:"xmlns,attr"`
	ChangeInfo xChangeInfo `xml:"ChangeInfo"`
}

type xUpdateCommentRequest struct {
	XMLName xml.Name `xml:"UpdateHostedZoneCommentRequest"`
	Comment string   `xml:"Comment"`
}

type xUpdateCommentResponse struct {
	XMLName    xml.Name    `xml:"UpdateHostedZoneCommentResponse"`
	Xmlns      string      `xml:"xmlns,attr"`
	HostedZone xHostedZone `xml:"HostedZone"`
}

func (s *Service) createHostedZone(c *call) (*reply, error) {
	var in xCreateZoneRequest
	if err := decodeXML(c.Body, &in); err != nil {
		return nil, err
	}
	if err := checkCreateZone(&in); err != nil {
		return nil, err
	}
	zn, err := parseName(in.Name)
	if err != nil || len(zn) == 0 {
		return nil, invalidDomainName(in.Name)
	}
	var v *vpc
	if in.VPC != nil || in.HostedZoneConfig != nil && in.HostedZoneConfig.PrivateZone {
		if v, err = s.checkVPC(c, in.VPC); err != nil {
			return nil, err
		}
	}
	var (
		out xCreateZoneResponse
		id  string
	)
	err = s.env.DB.Update(func(tx *store.Tx) error {
		z, ch, err := s.newZone(tx, c, &in, zn, v)
		if err != nil {
			return err
		}
		id = z.ID
		hz, err := zoneView(tx, c.Account(), &z)
		if err != nil {
			return err
		}
		out = xCreateZoneResponse{Xmlns: xmlns, HostedZone: hz, ChangeInfo: s.changeView(ch, c.Now), DelegationSet: delegationSet(&z)}
		if v != nil {
			out.VPC = &xVPC{VPCRegion: v.Region, VPCId: v.ID}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &reply{
		status:   http.StatusCreated,
		location: "https://route53.amazonaws.com/" + apiVersion + "/hostedzone/" + id,
		body:     out,
	}, nil
}

func checkCreateZone(in *xCreateZoneRequest) error {
	switch {
	case in.Name == "":
		return invalidInput("1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null")
	case len(in.Name) > 1024:
		return invalidInput("1 validation error detected: Value at 'name' failed to satisfy constraint: Member must have length less than or equal to 1024")
	case in.CallerReference == "":
		return invalidInput("1 validation error detected: Value null at 'callerReference' failed to satisfy constraint: Member must not be null")
	case utf8.RuneCountInString(in.CallerReference) > 128:
		return invalidInput("1 validation error detected: Value '%s' at 'callerReference' failed to satisfy constraint: Member must have length less than or equal to 128", in.CallerReference)
	case in.HostedZoneConfig != nil && utf8.RuneCountInString(in.HostedZoneConfig.Comment) > 256:
		return invalidInput("1 validation error detected: Value at 'hostedZoneConfig.comment' failed to satisfy constraint: Member must have length less than or equal to 256")
	case in.DelegationSetID != "":
		return awsapi.BadRequest(codeNoSuchDelegationSet, "A reusable delegation set with the specified ID does not exist: %s", in.DelegationSetID)
	}
	return nil
}

var vpcIDPattern = regexp.MustCompile(`^vpc-[0-9a-f]{8}(?:[0-9a-f]{9})?$`)

// checkVPC validates a VPC of a private zone: it must name an existing
// VPC; the region defaults to the request's.
func (s *Service) checkVPC(c *call, in *xVPC) (*vpc, error) {
	if in == nil || in.VPCId == "" {
		return nil, invalidInput("When you're creating a private hosted zone (when you specify true for PrivateZone), you must also specify values for VPCId and VPCRegion.")
	}
	v := &vpc{ID: in.VPCId, Region: in.VPCRegion}
	if v.Region == "" {
		v.Region = c.Region
	}
	exists := vpcIDPattern.MatchString(v.ID)
	if exists && s.cfg.VPCExists != nil {
		var err error
		if exists, err = s.cfg.VPCExists(c.Account(), v.Region, v.ID); err != nil {
			return nil, err
		}
	}
	if !exists {
		return nil, awsapi.BadRequest(codeInvalidVPCID, msgInvalidVPCID)
	}
	return v, nil
}

// newZone creates the zone with its apex SOA and NS records, or returns
// the zone a retried request with the same caller reference created.
func (s *Service) newZone(tx *store.Tx, c *call, in *xCreateZoneRequest, zn name, v *vpc) (zone, change, error) {
	account := c.Account()
	zones := zonesBucket(tx, account)
	if prior, found, err := store.Get[string](refsBucket(tx, account), in.CallerReference); err != nil || found {
		if err != nil {
			return zone{}, change{}, err
		}
		return replayCreate(tx, account, prior, zn, v)
	}
	count, err := zones.Count("")
	if err != nil {
		return zone{}, change{}, err
	}
	if count >= maxZones {
		return zone{}, change{}, awsapi.BadRequest(codeTooManyHostedZones, "This AWS account has reached its limit of %d hosted zones.", maxZones)
	}
	if v != nil {
		if err := checkNoConflict(tx, account, zn.String(), *v, ""); err != nil {
			return zone{}, change{}, err
		}
	}
	ch, err := s.newChange(tx, account, c.Now, "")
	if err != nil {
		return zone{}, change{}, err
	}
	z := zone{
		ID:              s.newZoneID(zones),
		Name:            zn.String(),
		CallerReference: in.CallerReference,
		ChangeID:        ch.ID,
		Created:         c.Now,
	}
	if in.HostedZoneConfig != nil {
		z.Comment = in.HostedZoneConfig.Comment
	}
	if v != nil {
		z.Private, z.VPCs, z.NameServers = true, []vpc{*v}, privateNameServers()
	} else {
		z.NameServers = s.publicNameServers()
	}
	if err := zones.Put(z.ID, z); err != nil {
		return zone{}, change{}, err
	}
	if err := refsBucket(tx, account).Put(in.CallerReference, z.ID); err != nil {
		return zone{}, change{}, err
	}
	for _, set := range apexSets(&z, zn) {
		if err := recordsBucket(tx, account, z.ID).Put(set.key(), set); err != nil {
			return zone{}, change{}, err
		}
	}
	return z, ch, nil
}

// replayCreate answers a CreateHostedZone whose caller reference was used
// before: the same zone again when the request is the same, else
// HostedZoneAlreadyExists.
func replayCreate(tx *store.Tx, account, id string, zn name, v *vpc) (zone, change, error) {
	z, found, err := loadZone(tx, account, id)
	if err != nil {
		return zone{}, change{}, err
	}
	if !found || z.Name != zn.String() || z.Private != (v != nil) {
		return zone{}, change{}, awsapi.Conflict(codeHostedZoneExists, msgCallerReferenceReused)
	}
	ch, _, err := store.Get[change](changesBucket(tx, account), z.ChangeID)
	return z, ch, err
}

// checkNoConflict refuses a private zone named zn in VPC v when another
// private zone (other than except) of that name is already associated
// with v.
func checkNoConflict(tx *store.Tx, account, zn string, v vpc, except string) error {
	all, err := store.List[zone](zonesBucket(tx, account), "")
	if err != nil {
		return err
	}
	for i := range all {
		if all[i].ID != except && all[i].Private && all[i].Name == zn && all[i].hasVPC(v) {
			return awsapi.BadRequest(codeConflictingDomain, "Cannot create hosted zone with DNS name %s because a hosted zone with the same name is already associated with VPC %s.", zn, v.ID)
		}
	}
	return nil
}

func (s *Service) newZoneID(zones *store.Bucket) string {
	for {
		id := "Z" + s.env.IDs.Upper(20)
		if !zones.Has(id) {
			return id
		}
	}
}

// getZone loads the zone the call names, NoSuchHostedZone when the
// account has none by that ID.
func getZone(tx *store.Tx, c *call) (zone, error) {
	if err := checkZoneID(c.id); err != nil {
		return zone{}, err
	}
	z, found, err := loadZone(tx, c.Account(), c.id)
	if err != nil {
		return zone{}, err
	}
	if !found {
		return zone{}, noSuchZone(c.id)
	}
	return z, nil
}

func (s *Service) getHostedZone(c *call) (*reply, error) {
	var out xGetZoneResponse
	err := s.env.DB.View(func(tx *store.Tx) error {
		z, err := getZone(tx, c)
		if err != nil {
			return err
		}
		hz, err := zoneView(tx, c.Account(), &z)
		if err != nil {
			return err
		}
		out = xGetZoneResponse{Xmlns: xmlns, HostedZone: hz, DelegationSet: delegationSet(&z)}
		if z.Private {
			out.VPCs = &xVPCList{Items: vpcViews(&z)}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return respond(out)
}

func (s *Service) deleteHostedZone(c *call) (*reply, error) {
	var out xDeleteZoneResponse
	err := s.env.DB.Update(func(tx *store.Tx) error {
		z, err := getZone(tx, c)
		if err != nil {
			return err
		}
		account := c.Account()
		if err := checkEmpty(tx, account, &z); err != nil {
			return err
		}
		if err := tx.Bucket(account, service, kindRecords).DeleteSub(z.ID); err != nil {
			return err
		}
		if err := zonesBucket(tx, account).Delete(z.ID); err != nil {
			return err
		}
		if err := refsBucket(tx, account).Delete(z.CallerReference); err != nil {
			return err
		}
		ch, err := s.newChange(tx, account, c.Now, "")
		if err != nil {
			return err
		}
		out = xDeleteZoneResponse{Xmlns: xmlns, ChangeInfo: s.changeView(ch, c.Now)}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return respond(out)
}

// checkEmpty refuses to delete a zone holding record sets other than its
// apex SOA and NS.
func checkEmpty(tx *store.Tx, account string, z *zone) error {
	apex := z.Name
	var extra bool
	err := recordsBucket(tx, account, z.ID).Scan("", "", func(_ string, raw []byte) (bool, error) {
		set, err := decodeSet(raw)
		if err != nil {
			return false, err
		}
		if set.Name != apex || set.Type != "SOA" && set.Type != "NS" || set.SetIdentifier != "" {
			extra = true
			return false, nil
		}
		return true, nil
	})
	if err != nil {
		return err
	}
	if extra {
		return awsapi.BadRequest(codeHostedZoneNotEmpty, msgHostedZoneNotEmpty)
	}
	return nil
}

func (s *Service) updateHostedZoneComment(c *call) (*reply, error) {
	var in xUpdateCommentRequest
	if err := decodeXML(c.Body, &in); err != nil {
		return nil, err
	}
	if utf8.RuneCountInString(in.Comment) > 256 {
		return nil, invalidInput("1 validation error detected: Value at 'comment' failed to satisfy constraint: Member must have length less than or equal to 256")
	}
	var out xUpdateCommentResponse
	err := s.env.DB.Update(func(tx *store.Tx) error {
		z, err := getZone(tx, c)
		if err != nil {
			return err
		}
		z.Comment = in.Comment
		if err := zonesBucket(tx, c.Account()).Put(z.ID, z); err != nil {
			return err
		}
		hz, err := zoneView(tx, c.Account(), &z)
		out = xUpdateCommentResponse{Xmlns: xmlns, HostedZone: hz}
		return err
	})
	if err != nil {
		return nil, err
	}
	return respond(out)
}
