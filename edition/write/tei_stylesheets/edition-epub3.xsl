<?xml version="1.0" encoding="UTF-8"?>
<!--
  A customisation of the TEI Stylesheets' EPUB 3 conversion for editions made by `edition`
  (and any TEI with <fw> furniture, <pb n> milestones and repeated footnote markers).

    saxon -s:book.xml -xsl:edition-epub3.xsl directory=OUT stylesheets=file:/path/to/Stylesheets
      cssFile=/path/to/Stylesheets/css/tei.css cssODDFile=... cssPrintFile=...
    (then zip OUT: mimetype first and stored, then META-INF and OPS)

  `stylesheets` (a static parameter) is the Stylesheets' directory, the one holding epub3/tei-to-epub3.xsl
  (Debian's tei-xsl: /usr/share/xml/tei/stylesheet, the default).

  Without it the Stylesheets copy every running head into the paragraph it interrupts
  ("learned INTRODUCTIONto repeat"), write "[Page 8]" inside words broken across pages, and
  label every footnote of a book that restarts its markers on each page "1".
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:param name="stylesheets" static="yes" as="xs:string"
             select="'file:/usr/share/xml/tei/stylesheet'"/>
  <xsl:import _href="{$stylesheets}/epub3/tei-to-epub3.xsl"/>

  <xsl:include href="edition-common.xsl"/>

  <!-- The copy's description (msDesc, in sourceDesc) on the "about this book" page: the
       Stylesheets set what is not a p inside a <p>, and msDesc renders headings and lists,
       which a <p> cannot hold (epubcheck RSC-005). -->
  <xsl:template match="tei:msDesc" mode="metadata">
    <div class="msDesc">
      <xsl:apply-templates select="."/>
    </div>
  </xsl:template>
</xsl:stylesheet>
