/** The main window: the drives list with live state, uploads and cache use, and the drive actions. */
package io.cloudmount.app.ui.drives;
