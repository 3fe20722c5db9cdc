<?xml version="1.0" encoding="UTF-8"?>
<!--
  The templates edition-html.xsl and edition-epub3.xsl add to the TEI Stylesheets (included by
  both, after their import of the Stylesheets' own conversion).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Page furniture (running heads, page numbers, signatures, catchwords) is not text: it is
       kept in the page, hidden, for a diplomatic view. -->
  <xsl:template match="tei:fw">
    <span class="fw {@type}" hidden="hidden">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A page break is an empty anchor (#p43) carrying the printed number: nothing is put into
       the text, so a word broken across pages stays whole. -->
  <xsl:template match="tei:pb">
    <xsl:variable name="n" select="string(@n)"/>
    <span class="pagebreak" data-n="{$n}" role="doc-pagebreak"
          aria-label="{if ($n) then concat('page ', $n) else 'page'}">
      <xsl:if test="@xml:id">
        <xsl:attribute name="id" select="@xml:id"/>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- Footnote labels: the printed markers when they are all distinct, else 1, 2, 3 ... in
       document order. -->
  <xsl:template name="noteN">
    <xsl:variable name="notes" select="//tei:text//tei:note[tei:isFootNote(.) or tei:isEndNote(.)]"/>
    <xsl:choose>
      <xsl:when test="(tei:isFootNote(.) or tei:isEndNote(.))
                      and (some $n in $notes satisfies not($n/@n)
                           or count(distinct-values($notes/@n)) lt count($notes))">
        <xsl:number count="tei:note[tei:isFootNote(.) or tei:isEndNote(.)][ancestor::tei:text]"
                    level="any"/>
      </xsl:when>
      <xsl:when test="@n">
        <xsl:value-of select="@n"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:number count="tei:note[not(ancestor::tei:teiHeader)]" level="any"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
