package route53

import (
	"encoding/xml"
	"maps"
	"slices"
	"unicode/utf8"

	"github.com/drydock-sandbox/drydock/fakeaws/internal/awsapi"
	"github.com/drydock-sandbox/drydock/fakeaws/internal/store"
)

type xChangeTagsRequest struct {
	XMLName       xml.Name `xml:"ChangeTagsForResourceRequest"`
	AddTags       *xTags   `xml:"AddTags"`
	RemoveTagKeys *struct {
		Keys []string `xml:"Key"`
	} `xml:"RemoveTagKeys"`
}

type xTags struct {
	Items []xTag `xml:"Tag"`
}

type xChangeTagsResponse struct {
	XMLName xml.Name `xml:"ChangeTagsForResourceResponse"`
	Xmlns   string   `xml:"xmlns,attr"`
}

type xTagSet struct {
	ResourceType string `xml:"ResourceType"`
	ResourceID   string `xml:"ResourceId"`
	Tags         xTags  `xml:"Tags"`
}

type xListTagsResponse struct {
	XMLName        xml.Name `xml:"ListTagsForResourceResponse"`
	Xmlns          string   `xml:"xmlns,attr"`
	ResourceTagSet xTagSet  `xml:"ResourceTagSet"`
}

type xListTagsForResourcesRequest struct {
	XMLName     xml.Name `xml:"ListTagsForResourcesRequest"`
	ResourceIDs struct {
		Items []string `xml:"ResourceId"`
	} `xml:"ResourceIds"`
}

type xListTagsForResourcesResponse struct {
	XMLName xml.Name `xml:"ListTagsForResourcesResponse"`
	Xmlns   string   `xml:"xmlns,attr"`
	Sets    struct {
		Items []xTagSet `xml:"ResourceTagSet"`
	} `xml:"ResourceTagSets"`
}

// checkTagResource checks the ResourceType path parameter: zones are
// tagged; fakeaws has no health checks to tag.
func checkTagResource(typ, id string) error {
	switch typ {
	case "hostedzone":
		return nil
	case "healthcheck":
		return awsapi.NotFound(codeNoSuchHealthCheck, "No health check exists with the specified ID %s", id)
	}
	return invalidInput("1 validation error detected: Value '%s' at 'resourceType' failed to satisfy constraint: Member must satisfy enum value set: [healthcheck, hostedzone]", typ)
}

func (s *Service) changeTagsForResource(c *call) (*reply, error) {
	typ := c.id
	c.id = zoneID(c.arg)
	if err := checkTagResource(typ, c.id); err != nil {
		return nil, err
	}
	var in xChangeTagsRequest
	if err := decodeXML(c.Body, &in); err != nil {
		return nil, err
	}
	add, remove, err := checkTagChange(&in)
	if err != nil {
		return nil, err
	}
	err = s.env.DB.Update(func(tx *store.Tx) error {
		z, err := getZone(tx, c)
		if err != nil {
			return err
		}
		tags := maps.Clone(z.Tags)
		if tags == nil {
			tags = map[string]string{}
		}
		for _, k := range remove {
			delete(tags, k)
		}
		for _, t := range add {
			tags[t.Key] = t.Value
		}
		if len(tags) > maxTags {
			return invalidInput("The resource %s would have more than %d tags.", z.ID, maxTags)
		}
		z.Tags = tags
		return zonesBucket(tx, c.Account()).Put(z.ID, z)
	})
	if err != nil {
		return nil, err
	}
	return respond(xChangeTagsResponse{Xmlns: xmlns})
}

func checkTagChange(in *xChangeTagsRequest) ([]xTag, []string, error) {
	var add []xTag
	var remove []string
	if in.AddTags != nil {
		add = in.AddTags.Items
	}
	if in.RemoveTagKeys != nil {
		remove = in.RemoveTagKeys.Keys
	}
	if len(add) > 10 || len(remove) > 10 {
		return nil, nil, invalidInput("1 validation error detected: at most 10 tags may be added and 10 removed in one request")
	}
	for _, t := range add {
		if t.Key == "" || utf8.RuneCountInString(t.Key) > 128 || utf8.RuneCountInString(t.Value) > 256 {
			return nil, nil, invalidInput("1 validation error detected: tag key '%s' must have 1 to 128 characters and its value at most 256", t.Key)
		}
	}
	return add, remove, nil
}

func (s *Service) listTagsForResource(c *call) (*reply, error) {
	typ := c.id
	c.id = zoneID(c.arg)
	if err := checkTagResource(typ, c.id); err != nil {
		return nil, err
	}
	out := xListTagsResponse{Xmlns: xmlns}
	err := s.env.DB.View(func(tx *store.Tx) error {
		z, err := getZone(tx, c)
		if err != nil {
			return err
		}
		out.ResourceTagSet = tagSet(&z)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return respond(out)
}

func (s *Service) listTagsForResources(c *call) (*reply, error) {
	if err := checkTagResource(c.id, ""); err != nil {
		return nil, err
	}
	var in xListTagsForResourcesRequest
	if err := decodeXML(c.Body, &in); err != nil {
		return nil, err
	}
	ids := in.ResourceIDs.Items
	if len(ids) == 0 || len(ids) > 10 {
		return nil, invalidInput("1 validation error detected: 'resourceIds' must list 1 to 10 IDs")
	}
	out := xListTagsForResourcesResponse{Xmlns: xmlns}
	err := s.env.DB.View(func(tx *store.Tx) error {
		for _, id := range ids {
			z, err := getZone(tx, &call{Request: c.Request, id: zoneID(id)})
			if err != nil {
				return err
			}
			out.Sets.Items = append(out.Sets.Items, tagSet(&z))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return respond(out)
}

// tagSet lists a zone's tags in key order.
func tagSet(z *zone) xTagSet {
	set := xTagSet{ResourceType: "hostedzone", ResourceID: z.ID}
	for _, k := range slices.Sorted(maps.Keys(z.Tags)) {
		set.Tags.Items = append(set.Tags.Items, xTag{Key: k, Value: z.Tags[k]})
	}
	return set
}
