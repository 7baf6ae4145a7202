/** The About box, with the WinFsp credit. */
package io.cloudmount.app.ui.about;
